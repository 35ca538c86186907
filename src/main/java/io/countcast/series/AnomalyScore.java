package io.countcast.series;

import io.countcast.model.CountDistribution;

/**
 * How surprising a closed window's count is under the forecast made before it: the upper-tail
 * probability P(Y ≥ y) of the observed count y under that predictive distribution, as
 * Farrington's and Noufaily's detectors judge a week (they alarm when y exceeds a high
 * predictive quantile, which is the same as a small upper-tail probability).
 *
 * <p>The score lies in (0, 1]: 1 for a count of zero, small for a count far above the
 * forecast. A window alarms when its score is at most the alarm threshold: with a calibrated
 * forecast and no outbreak that happens in at most that share of windows (less for small
 * counts, where the tail probabilities move in steps). One implementation, used by
 * {@code countcast detect}, the backtest's per-window output and the operator's status.
 */
public final class AnomalyScore {

  /**
   * The default alarm threshold: a count whose upper-tail probability is 1% or less. Measured
   * on the simulated outbreaks in {@code src/test/resources/fixtures/weekly} (docs/backtest.md,
   * "Outbreak detection"), it keeps the false-alarm rate at or below farringtonFlexible's.
   */
  public static final double DEFAULT_ALARM_THRESHOLD = 0.01;

  private AnomalyScore() {
  }

  /**
   * P(Y ≥ observed) under {@code forecast}: 1 for observed ≤ 0, else 1 − F(observed − 1),
   * computed on the upper tail so small probabilities keep their precision.
   */
  public static double of(CountDistribution forecast, long observed) {
    if (observed <= 0) {
      return 1.0;
    }
    return Math.min(1.0, Math.max(0.0, forecast.exceedance(observed - 1)));
  }

  /** Whether a score alarms at {@code threshold} (score ≤ threshold). */
  public static boolean alarms(double score, double threshold) {
    return score <= threshold;
  }

  /** Checks an alarm threshold: a probability strictly between 0 and 1. */
  public static double checkThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException(
          "alarm threshold must be strictly between 0 and 1, got " + threshold);
    }
    return threshold;
  }

  /**
   * One scored window.
   *
   * @param index the window's row in the series (from 0)
   * @param observed the count observed in it
   * @param expected the forecast's mean
   * @param upper the forecast's 95% quantile, the upper end of its central 90% interval
   * @param score P(Y ≥ observed) under the forecast
   * @param alarm whether the score is at most the alarm threshold
   */
  public record Window(int index, long observed, double expected, long upper, double score,
                       boolean alarm) {

    /** Scores {@code observed} under {@code forecast} at the given alarm threshold. */
    public static Window score(int index, CountDistribution forecast, long observed,
        double threshold) {
      double s = of(forecast, observed);
      return new Window(index, observed, forecast.mean(), forecast.quantile(0.95), s,
          alarms(s, threshold));
    }
  }
}
