package io.countcast.series;

/**
 * One row of a backtest's per-window output: the forecast made at {@code origin} for the window
 * {@code step} windows after it, and what was observed there.
 *
 * @param origin the fold origin (epoch seconds, or a row index in row mode)
 * @param step 1 for the window starting at the origin
 * @param start the window's start
 * @param observed the observed count
 * @param model the model's forecast and scores; null when the origin was skipped
 * @param surgeProbability P(some window of the origin's horizon exceeds K), NaN when skipped
 * @param alarm whether the surge probability reached the alarm level
 * @param anomalyScore {@link AnomalyScore}: P(Y ≥ observed) under the model's forecast, small
 *     when surprising (NaN when skipped)
 * @param poissonExpected the Poisson baseline's predictive mean (NaN when skipped)
 * @param naiveExpected the seasonal-naive baseline's predictive mean
 * @param lastValueExpected the last-value baseline's predictive mean
 * @param note why the origin was skipped, or empty
 */
public record BacktestWindow(long origin, int step, long start, long observed, WindowScore model,
                             double surgeProbability, boolean alarm, double anomalyScore,
                             double poissonExpected, double naiveExpected,
                             double lastValueExpected, String note) {

  /** A window of a skipped origin: observed, not forecast. */
  static BacktestWindow skipped(long origin, int step, long start, long observed, String why) {
    return new BacktestWindow(origin, step, start, observed, null, Double.NaN, false, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, why);
  }
}
