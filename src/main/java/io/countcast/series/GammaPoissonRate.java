package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import org.apache.commons.math3.special.Gamma;

/**
 * The forecast of a series with too few events for a regression: counts are Poisson with a
 * constant rate λ per unit of exposure, and λ has the Jeffreys prior Gamma(½, 0) (density
 * ∝ λ^{−½}). After E units of exposure with S events in all, the posterior is
 * Gamma(½ + S, E) and the next window's count, with exposure e, is negative binomial with size
 * ½ + S and mean e·(½ + S)/E (Gamma–Poisson).
 *
 * <p>Why this prior: it is the one prior for a Poisson rate that does not depend on the units
 * of exposure (windows, pod-seconds or requests), so nothing has to be guessed about a scale;
 * it adds half an event and no exposure, so after a handful of events the data dominate. With
 * no events in n windows, the predictive mean is 1/(2n) per window, the 95% upper bound of the
 * rate is about 1.92/n (the rule of three gives 3/n) and P(count ≥ 1) ≈ 1/(2n): a forecast of
 * "almost surely zero" with a finite upper bound.
 *
 * <p>Clustering of events (overdispersion) cannot be estimated from so few events and is not
 * modelled; the interval reflects only the uncertainty of the rate.
 *
 * @param shape ½ + S
 * @param exposure E, the total exposure of the training windows
 */
record GammaPoissonRate(double shape, double exposure) {

  /** The prior's shape: Jeffreys' ½. */
  static final double PRIOR_SHAPE = 0.5;

  GammaPoissonRate {
    if (!(shape > 0 && exposure > 0 && Double.isFinite(exposure))) {
      throw new IllegalArgumentException("a Gamma-Poisson rate needs a positive shape and"
          + " exposure, got " + shape + " and " + exposure);
    }
  }

  /** The posterior after {@code events} events in {@code exposure} units of exposure. */
  static GammaPoissonRate posterior(long events, double exposure) {
    return new GammaPoissonRate(PRIOR_SHAPE + events, exposure);
  }

  /** The posterior predictive count of a window with exposure {@code e}. */
  CountDistribution predictive(double e) {
    double mean = e * shape / exposure;
    return mean == 0 ? new PoissonCount(0) : new NegBinomialCount(mean, shape);
  }

  /** log of the posterior mean rate, reported as the intercept. */
  double logRate() {
    return Math.log(shape / exposure);
  }

  /** Posterior SD of log λ: √ψ′(shape). */
  double logRateStdError() {
    return Math.sqrt(Gamma.trigamma(shape));
  }
}
