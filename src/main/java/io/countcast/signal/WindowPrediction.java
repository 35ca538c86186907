package io.countcast.signal;

import io.countcast.model.CountDistribution;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.model.ZeroInflatedCount;

/**
 * The forecast made for one window before it closed, as the prediction archive keeps it: what
 * the status showed (expected, 90% interval, model version) and the predictive distribution in
 * three numbers, so the window can be scored (anomaly score, PIT, log score) once its count is
 * known, and again later by {@code countcast history export}.
 *
 * <p>Every predictive distribution the engine makes is a negative binomial (NB2; NB1 is an NB
 * with size μ/α; the approximate posterior is summarised as one), a Poisson, or either with
 * zero inflation: {@code zeroProbability} π over a base with mean {@code mean} and NB size
 * {@code size}, where size 0 stands for Poisson (an infinite size).
 *
 * @param startEpochSecond the window's start
 * @param expected the predictive mean the status showed
 * @param lower the 5% quantile
 * @param upper the 95% quantile
 * @param version the model version that made the forecast
 * @param zeroProbability π of a zero-inflated forecast, else 0
 * @param mean the mean of the (non-inflated) base distribution
 * @param size the base's NB size, or 0 for Poisson
 */
public record WindowPrediction(long startEpochSecond, double expected, long lower, long upper,
    long version, double zeroProbability, double mean, double size) {

  public WindowPrediction {
    if (!(zeroProbability >= 0 && zeroProbability <= 1)) {
      throw new IllegalArgumentException("zero probability must be in [0, 1], got "
          + zeroProbability);
    }
    if (!(mean >= 0) || Double.isInfinite(mean) || !(size >= 0) || Double.isInfinite(size)) {
      throw new IllegalArgumentException("mean " + mean + " and size " + size
          + " must be finite and non-negative");
    }
    if (!(expected >= 0) || Double.isInfinite(expected) || lower < 0 || upper < lower
        || version < 0) {
      throw new IllegalArgumentException("expected " + expected + ", interval [" + lower + ", "
          + upper + "] and version " + version + " must be non-negative and ordered");
    }
  }

  /** The prediction for a window from its predictive distribution. */
  public static WindowPrediction of(long startEpochSecond, double expected, long lower,
      long upper, long version, CountDistribution distribution) {
    double pi = 0;
    CountDistribution base = distribution;
    if (distribution instanceof ZeroInflatedCount zero) {
      pi = zero.zeroProbability();
      base = zero.base();
    }
    double mean = base.mean();
    double size;
    if (base instanceof NegBinomialCount nb) {
      size = nb.size();
    } else if (base instanceof PoissonCount) {
      size = 0;
    } else {
      // Any other shape: the negative binomial with its mean and variance.
      double extra = base.variance() - mean;
      size = extra > 0 ? mean * mean / extra : 0;
    }
    return new WindowPrediction(startEpochSecond, expected, lower, upper, version, pi, mean,
        Double.isFinite(size) ? size : 0);
  }

  /** The same prediction made by model {@code newVersion}. */
  public WindowPrediction withVersion(long newVersion) {
    return new WindowPrediction(startEpochSecond, expected, lower, upper, newVersion,
        zeroProbability, mean, size);
  }

  /** The predictive distribution. */
  public CountDistribution distribution() {
    CountDistribution base = size > 0 ? new NegBinomialCount(mean, size) : new PoissonCount(mean);
    return zeroProbability > 0 ? new ZeroInflatedCount(zeroProbability, base) : base;
  }
}
