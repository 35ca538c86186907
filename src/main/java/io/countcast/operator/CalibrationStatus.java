package io.countcast.operator;

import io.countcast.api.CountForecastStatus;
import io.countcast.api.DriftStatus;
import io.countcast.api.LiveStatus;
import io.countcast.api.LastWindowStatus;
import io.countcast.signal.ArchivedWindow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;

/**
 * The part of the status that says how the forecasts have done on live data, from the
 * prediction archive ({@link ArchiveView}): {@code lastWindow}, {@code live}, {@code drift} and the
 * Calibrated condition. Pure, like
 * {@link StatusAggregator}, which calls it; without a view (the archive was not read this
 * reconcile) the status keeps what it showed.
 */
final class CalibrationStatus {

  /** Fewest scored windows for a verdict on the intervals. */
  static final int MIN_WINDOWS = 50;
  /** Lowest calibrated randomized-PIT share. */
  static final double PIT90_LOW = 0.80;
  /** Highest calibrated randomized-PIT share. */
  static final double PIT90_HIGH = 0.97;

  private CalibrationStatus() {
  }

  static void apply(CountForecastStatus next, ArchiveView view) {
    if (view == null) {
      return;
    }
    next.setLastWindow(lastWindow(view.lastWindow()));
    next.setLive(view.live());
    next.setDrift(drift(view.drift()));
  }

  /**
   * The Calibrated condition's status, reason and message. Judged on the randomized-PIT share
   * (plain coverage overshoots for small counts): in [{@value #PIT90_LOW}, {@value #PIT90_HIGH}]
   * over at least {@value #MIN_WINDOWS} windows is calibrated (with 50 windows the share's
   * standard error is about 0.04, so the band is about two of them below 0.90 and under two
   * above). Drift overrides: a model asked about data it was not trained on is not calibrated
   * whatever its past scores.
   */
  static Verdict verdict(CountForecastStatus status) {
    DriftStatus drift = status.getDrift();
    if (drift != null && Math.max(drift.getCountPsi(), drift.getExposurePsi())
        > drift.getThreshold()) {
      return new Verdict("False", Reasons.DATA_DRIFT, String.format(Locale.ROOT,
          "population stability index of the last %d windows against %d training windows at "
          + "the same phase: counts %.2f, exposure %.2f, above %.2f; model version %s",
          drift.getRecentWindows(), drift.getReferenceWindows(), drift.getCountPsi(),
          drift.getExposurePsi(), drift.getThreshold(),
          status.getModel() == null ? "none" : status.getModel().getVersion()));
    }
    LiveStatus live = status.getLive();
    if (live == null || live.getWindows() < MIN_WINDOWS) {
      return new Verdict("Unknown", Reasons.INSUFFICIENT_LIVE_DATA, (live == null ? 0
          : live.getWindows()) + " of " + MIN_WINDOWS + " closed windows with a forecast");
    }
    String scores = String.format(Locale.ROOT, "%.3f of the last %d windows' randomized PIT "
        + "values in [0.05, 0.95] (calibrated: %.2f to %.2f), coverage90 %.3f",
        live.getPit90(), live.getWindows(), PIT90_LOW, PIT90_HIGH, live.getCoverage90());
    if (live.getPit90() < PIT90_LOW) {
      return new Verdict("False", Reasons.INTERVALS_TOO_NARROW, scores);
    }
    if (live.getPit90() > PIT90_HIGH) {
      return new Verdict("False", Reasons.INTERVALS_TOO_WIDE, scores);
    }
    return new Verdict("True", Reasons.CALIBRATED, scores);
  }

  /** A condition's status, reason and message. */
  record Verdict(String status, String reason, String message) {}

  private static DriftStatus drift(DriftCheck.Report report) {
    if (report == null) {
      return null;
    }
    DriftStatus out = new DriftStatus();
    out.setRecentWindows(report.recentWindows());
    out.setReferenceWindows(report.referenceWindows());
    out.setCountPsi(SeriesForecasterAdapter.probability(report.countPsi()));
    out.setExposurePsi(SeriesForecasterAdapter.probability(report.exposurePsi()));
    out.setThreshold(SeriesForecasterAdapter.probability(report.threshold()));
    return out;
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
