package io.countcast.series;

/**
 * The predictive distribution of one future window's count: what forecasts, intervals and scores
 * are computed from. The engine's distributions are adapted to it in {@link CountEngine}.
 */
public interface CountPredictive {

  /** E[Y]. */
  double mean();

  /** log P(Y = y). */
  double logPmf(long y);

  /** P(Y ≤ y); 0 for y &lt; 0. */
  double cdf(long y);

  /** The smallest y with P(Y ≤ y) ≥ p. */
  long quantile(double p);

  /** P(Y &gt; k). */
  default double exceedance(long k) {
    return 1.0 - cdf(k);
  }
}
