package io.countcast.model;

/**
 * The forecast for one row: the expected count with a delta-method confidence interval, and the
 * predictive distribution for quantiles and exceedance probabilities (the approximate posterior
 * predictive or the plug-in one, see {@link PredictiveMode}).
 *
 * @param mean the estimate of E[Y], μ (ZINB2: (1−π)μ), as R's {@code predict} gives it
 * @param meanLower lower confidence bound of the mean: exp(log E − z·se)
 * @param meanUpper upper confidence bound of the mean: exp(log E + z·se)
 * @param link η = x'β + offset of the count part
 * @param linkStdError sqrt(x'Σx), the SE of η (for ZINB2 the mean's interval also carries the
 *     zero part's uncertainty, so it is wider than exp(η ± z·linkStdError)·(1−π))
 * @param distribution the predictive distribution of the count
 */
public record Prediction(double mean, double meanLower, double meanUpper, double link,
                         double linkStdError, CountDistribution distribution) {

  /** The predictive p-quantile: the smallest k with P(Y ≤ k) ≥ p. */
  public long quantile(double p) {
    return distribution.quantile(p);
  }

  /** P(Y &gt; k). */
  public double exceedance(long k) {
    return distribution.exceedance(k);
  }
}
