package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.List;

/**
 * Scores of the forecasts made on live data, once their windows have closed, beside the
 * one-step seasonal-naive baseline scored on the same windows. The scores mean what the
 * backtest's {@link ForecastScores} fields of the same names mean (log score, coverage of the
 * central 90% interval, share of randomized PIT values in [0.05, 0.95]); the backtest's CRPS and
 * interval scores are left out because they cost time proportional to the spread of each
 * distribution, and these are recomputed at every reconcile.
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
   * @param lower90 the 5% quantile the forecast showed
   * @param upper90 the 95% quantile the forecast showed
   * @param v the uniform draw of its randomized PIT
   */
  public record Window(long start, long observed, CountDistribution forecast, long lower90,
                       long upper90, double v) { }

  /**
   * Means over the scored windows.
   *
   * @param windows windows scored
   * @param logScore the forecasts' mean log P(Y = y)
   * @param naiveLogScore the baseline's
   * @param coverage90 share of y in the forecasts' [q.05, q.95]
   * @param pit90 share of the forecasts' randomized PIT values in [0.05, 0.95]
   */
  public record Result(int windows, double logScore, double naiveLogScore, double coverage90,
                       double pit90) { }

  private LiveScores() {
  }

  /** Scores {@code windows} (oldest first, non-empty, each a row of {@code series}). */
  public static Result of(CountEngine engine, CountSeries series, List<Window> windows,
      long seasonSeconds, long trainSeconds) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no window to score");
    }
    long first = windows.get(0).start();
    long last = windows.get(windows.size() - 1).start();
    SeasonalNaive naive = SeasonalNaive.fit(series,
        new TrainingWindow(series, first, trainSeconds), seasonSeconds);
    SlotHistory history = new SlotHistory(series, last + series.windowSeconds());
    double logScore = 0;
    double naiveLogScore = 0;
    int covered = 0;
    int pitInside = 0;
    for (Window w : windows) {
      long y = w.observed();
      logScore += w.forecast().logPmf(y);
      naiveLogScore += naive.predict(engine, history, w.start(), 1).logPmf(y);
      covered += WindowScore.inside(w.lower90(), w.upper90(), y) ? 1 : 0;
      double pit = CountScores.randomizedPit(w.forecast(), y, w.v());
      pitInside += pit >= 0.05 && pit <= 0.95 ? 1 : 0;
    }
    int n = windows.size();
    return new Result(n, logScore / n, naiveLogScore / n, (double) covered / n,
        (double) pitInside / n);
  }
}
