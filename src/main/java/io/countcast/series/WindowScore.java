package io.countcast.series;

import io.countcast.model.CountDistribution;

/**
 * One model's forecast of one observed window, summarised and scored: the predictive mean,
 * median and central 50%, 80% and 90% intervals (quantiles as R's {@code qnbinom}), the log
 * score, the CRPS, the randomized PIT and P(count &gt; K).
 *
 * @param observed the observed count y
 * @param mean predictive mean
 * @param median predictive median
 * @param lower50 the 25% quantile
 * @param upper50 the 75% quantile
 * @param lower80 the 10% quantile
 * @param upper80 the 90% quantile
 * @param lower90 the 5% quantile
 * @param upper90 the 95% quantile
 * @param logScore log P(Y = y)
 * @param crps the ranked probability score for counts ({@link CountScores#crps})
 * @param pit the randomized PIT value
 * @param exceedance P(Y &gt; K)
 * @param surge whether y &gt; K
 */
public record WindowScore(long observed, double mean, long median, long lower50, long upper50,
                          long lower80, long upper80, long lower90, long upper90,
                          double logScore, double crps, double pit, double exceedance,
                          boolean surge) {

  /**
   * Scores {@code p} at {@code y}.
   *
   * @param v the uniform draw of the randomized PIT
   */
  public static WindowScore of(CountDistribution p, long y, long threshold, double v) {
    return new WindowScore(y, p.mean(), p.quantile(0.5), p.quantile(0.25), p.quantile(0.75),
        p.quantile(0.1), p.quantile(0.9), p.quantile(0.05), p.quantile(0.95), p.logPmf(y),
        CountScores.crps(p, y), CountScores.randomizedPit(p, y, v), p.exceedance(threshold),
        y > threshold);
  }

  double absError() {
    return Math.abs(observed - median);
  }

  double interval80() {
    return CountScores.intervalScore(lower80, upper80, observed, 0.2);
  }

  double interval90() {
    return CountScores.intervalScore(lower90, upper90, observed, 0.1);
  }

  double brier() {
    double outcome = surge ? 1 : 0;
    return (exceedance - outcome) * (exceedance - outcome);
  }

  static boolean inside(long lower, long upper, long y) {
    return lower <= y && y <= upper;
  }
}
