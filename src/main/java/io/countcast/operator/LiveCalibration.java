package io.countcast.operator;

import io.countcast.api.LiveStatus;
import io.countcast.series.CountSeries;
import io.countcast.series.LiveScores;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.SeriesArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the newest archived windows against the forecasts made for them ({@link LiveScores}):
 * status.live. Pure.
 *
 * <p>Which windows: the newest archived ones with exposure (the windows the model can see), at
 * most one day's worth or {@value #MIN_WINDOWS}, whichever is more, so a share like coverage90
 * rests on enough windows to mean something (100 windows give it a standard error of 0.03).
 * The baseline's season is the shortest configured seasonality, or one window without one.
 */
final class LiveCalibration {

  /** Fewest windows a full live sample holds, whatever the window length. */
  static final int MIN_WINDOWS = 100;
  private static final long DAY = 86_400;
  private static final long WEEK = 7 * DAY;

  private LiveCalibration() {
  }

  /** The live scores, or null while no archived window can be scored. */
  static LiveStatus of(List<ArchivedWindow> archived, SeriesArrays history, ForecastPlan plan) {
    long window = plan.windows().windowSeconds();
    CountSeries series = SeriesForecasterAdapter.toSeries(history, window);
    int limit = (int) Math.max(MIN_WINDOWS, DAY / window);
    List<ArchivedWindow> scored = new ArrayList<>(limit);
    for (int i = archived.size() - 1; i >= 0 && scored.size() < limit; i--) {
      ArchivedWindow w = archived.get(i);
      if (w.exposure() > 0 && series.lowerBound(w.startEpochSecond()) < series.size()
          && series.start(series.lowerBound(w.startEpochSecond())) == w.startEpochSecond()) {
        scored.add(0, w);
      }
    }
    if (scored.isEmpty()) {
      return null;
    }
    List<LiveScores.Window> windows = new ArrayList<>(scored.size());
    int falseAlarms = 0;
    ForecastPlan.SurgePlan surge = plan.surge();
    for (ArchivedWindow w : scored) {
      var forecast = w.prediction().distribution();
      windows.add(new LiveScores.Window(w.startEpochSecond(), w.observed(), forecast,
          w.prediction().lower(), w.prediction().upper(), w.pitDraw()));
      if (surge != null && forecast.exceedance(surge.threshold()) >= surge.probability()
          && w.observed() <= surge.threshold()) {
        falseAlarms++;
      }
    }
    long season = plan.model().seasonality().stream().mapToLong(s -> s.period().getSeconds())
        .min().orElse(window);
    LiveScores.Result result = LiveScores.of(RegressionEngine.INSTANCE, series, windows, season,
        plan.windows().history().getSeconds());
    LiveStatus out = new LiveStatus();
    out.setWindows(result.windows());
    out.setCoverage90(SeriesForecasterAdapter.probability(result.coverage90()));
    out.setPit90(SeriesForecasterAdapter.probability(result.pit90()));
    out.setLogScore(finite(result.logScore()));
    out.setNaiveLogScore(finite(result.naiveLogScore()));
    if (surge != null) {
      double weeks = (double) scored.size() * window / WEEK;
      out.setFalseAlarmsPerWeek(SeriesForecasterAdapter.count(falseAlarms / weeks));
    }
    return out;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
  }
}
