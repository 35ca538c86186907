package io.countcast.operator;

import io.countcast.api.CountForecastStatus;
import io.countcast.api.LastWindowStatus;
import io.countcast.signal.ArchivedWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The part of the status that says how the forecasts have done on live data, from the
 * prediction archive ({@link ArchiveView}): {@code lastWindow} and {@code live}. Pure, like
 * {@link StatusAggregator}, which calls it; without a view (the archive was not read this
 * reconcile) the status keeps what it showed.
 */
final class CalibrationStatus {

  private CalibrationStatus() {
  }

  static void apply(CountForecastStatus next, ArchiveView view) {
    if (view == null) {
      return;
    }
    next.setLastWindow(lastWindow(view.lastWindow()));
    next.setLive(view.live());
  }

  private static LastWindowStatus lastWindow(ArchivedWindow w) {
    if (w == null) {
      return null;
    }
    LastWindowStatus out = new LastWindowStatus();
    out.setStart(StatusAggregator.rfc3339(Instant.ofEpochSecond(w.startEpochSecond())));
    out.setObserved(w.observed());
    out.setExpected(SeriesForecasterAdapter.count(w.prediction().expected()));
    out.setLower(w.prediction().lower());
    out.setUpper(w.prediction().upper());
    double tail = w.tailProbability();
    out.setAnomalyScore(anomalyScore(tail));
    out.setTailProbability(significant(tail, 3));
    out.setModelVersion(w.prediction().version());
    return out;
  }

  /** 1 − P(Y ≥ y), to 4 decimals: the status's "how unusual", near 1 for a burst. */
  static double anomalyScore(double tailProbability) {
    return BigDecimal.valueOf(1 - tailProbability).setScale(4, RoundingMode.HALF_UP).doubleValue();
  }

  private static double significant(double value, int digits) {
    return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue();
  }
}
