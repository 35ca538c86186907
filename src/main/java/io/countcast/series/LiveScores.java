package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.List;

/**
 * Scores of the forecasts made on live data, once their windows have closed, beside the
 * one-step seasonal-naive baseline scored on the same windows: the same {@link WindowScore}s and
 * {@link ForecastScores} as the backtest, so live and backtest numbers mean the same thing.
 *
 * <p>The baseline is {@link SeasonalNaive} with its spread fitted on the {@code trainSeconds}
 * before the first scored window; each window's naive forecast is the count one season before
 * it (one step ahead, the baseline's best case), so it never reads the window it forecasts.
 */
public final class LiveScores {

  /**
   * One closed window and the forecast made for it.
   *
   * @param start the window's start; a row of the series
   * @param observed its count
   * @param forecast the predictive distribution the model gave it
   * @param v the uniform draw of its randomized PIT
   */
  public record Window(long start, long observed, CountDistribution forecast, double v) { }

  /**
   * @param model the forecasts' scores
   * @param naive the seasonal-naive baseline's on the same windows
   */
  public record Result(ForecastScores model, ForecastScores naive) { }

  private LiveScores() {
  }

  /**
   * Scores {@code windows} (oldest first, non-empty, each a row of {@code series}).
   *
   * @param threshold the surge threshold K, for the Brier score
   */
  public static Result of(CountEngine engine, CountSeries series, List<Window> windows,
      long seasonSeconds, long trainSeconds, long threshold) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no window to score");
    }
    long first = windows.get(0).start();
    long last = windows.get(windows.size() - 1).start();
    SeasonalNaive naive = SeasonalNaive.fit(series,
        new TrainingWindow(series, first, trainSeconds), seasonSeconds);
    SlotHistory history = new SlotHistory(series, last + series.windowSeconds());
    ScoreCard model = new ScoreCard();
    ScoreCard baseline = new ScoreCard();
    for (Window w : windows) {
      model.add(WindowScore.of(w.forecast(), w.observed(), threshold, w.v()), 0);
      baseline.add(WindowScore.of(naive.predict(engine, history, w.start(), 1), w.observed(),
          threshold, w.v()), 0);
    }
    return new Result(model.scores(), baseline.scores());
  }
}
