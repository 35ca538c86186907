package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.CountForecastStatus;
import io.countcast.model.NegBinomialCount;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.WindowPrediction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationStatusTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final long W = 300;
  private final StatusAggregator aggregator = new StatusAggregator();

  /** An archive whose model forecast NB(4, 5) for the window at {@code start}, which saw y. */
  private static PredictionArchive archiveWith(long start, long y) {
    PredictionArchive archive = PredictionArchive.empty(100);
    archive.retrained(start - 10 * W, start, start + 1);
    NegBinomialCount p = new NegBinomialCount(4, 5);
    archive.forecast(List.of(WindowPrediction.of(start, 4, p.quantile(0.05), p.quantile(0.95),
        1, p)));
    archive.close(new SeriesArrays(new long[] {start}, new double[] {y}, new double[] {60}), W);
    return archive;
  }

  private static Observations seen(ArchiveView view) {
    return new Observations(1, NOW, "prometheus", 10, null, 5, null, null, null, null, view);
  }

  @Test
  void aBurstTheForecastDidNotExpectScoresNearOneAndAnOrdinaryCountDoesNot() {
    long start = NOW.getEpochSecond() - W;
    CountForecastStatus burst = aggregator.aggregate(null,
        seen(new ArchiveView(archiveWith(start, 40).latest(), null, null)));
    assertThat(burst.getLastWindow().getStart()).isEqualTo("2026-11-26T09:55:00Z");
    assertThat(burst.getLastWindow().getObserved()).isEqualTo(40);
    assertThat(burst.getLastWindow().getExpected()).isEqualTo(4.0);
    assertThat(burst.getLastWindow().getUpper()).isEqualTo(new NegBinomialCount(4, 5).quantile(0.95));
    assertThat(burst.getLastWindow().getAnomalyScore()).isEqualTo(1.0);
    assertThat(burst.getLastWindow().getTailProbability()).isPositive().isLessThan(1e-6);
    assertThat(burst.getLastWindow().getModelVersion()).isEqualTo(1);

    CountForecastStatus ordinary = aggregator.aggregate(burst,
        seen(new ArchiveView(archiveWith(start, 4).latest(), null, null)));
    assertThat(ordinary.getLastWindow().getAnomalyScore()).isBetween(0.3, 0.7);
    // Without a view (the archive was not read), what the status showed is kept.
    assertThat(aggregator.aggregate(ordinary, seen(null)).getLastWindow().getObserved())
        .isEqualTo(4);
  }

  private static CountForecastStatus withLive(int windows, double pit90) {
    CountForecastStatus status = new CountForecastStatus();
    io.countcast.api.LiveStatus live = new io.countcast.api.LiveStatus();
    live.setWindows(windows);
    live.setPit90(pit90);
    live.setCoverage90(pit90);
    status.setLive(live);
    return status;
  }

  @Test
  void calibratedJudgesTheRandomizedPitShareAndDriftOverridesIt() {
    assertThat(CalibrationStatus.verdict(new CountForecastStatus()))
        .extracting(CalibrationStatus.Verdict::status, CalibrationStatus.Verdict::reason)
        .containsExactly("Unknown", Reasons.INSUFFICIENT_LIVE_DATA);
    assertThat(CalibrationStatus.verdict(withLive(49, 0.9)).reason())
        .isEqualTo(Reasons.INSUFFICIENT_LIVE_DATA);
    assertThat(CalibrationStatus.verdict(withLive(100, 0.9)))
        .extracting(CalibrationStatus.Verdict::status, CalibrationStatus.Verdict::reason)
        .containsExactly("True", Reasons.CALIBRATED);
    assertThat(CalibrationStatus.verdict(withLive(100, 0.79)))
        .extracting(CalibrationStatus.Verdict::status, CalibrationStatus.Verdict::reason)
        .containsExactly("False", Reasons.INTERVALS_TOO_NARROW);
    assertThat(CalibrationStatus.verdict(withLive(100, 0.98)).reason())
        .isEqualTo(Reasons.INTERVALS_TOO_WIDE);
    CountForecastStatus drifted = withLive(100, 0.9);
    io.countcast.api.DriftStatus drift = new io.countcast.api.DriftStatus();
    drift.setRecentWindows(12);
    drift.setReferenceWindows(24);
    drift.setCountPsi(0.1);
    drift.setExposurePsi(1.7);
    drift.setThreshold(1.15);
    drifted.setDrift(drift);
    CalibrationStatus.Verdict verdict = CalibrationStatus.verdict(drifted);
    assertThat(verdict.reason()).isEqualTo(Reasons.DATA_DRIFT);
    assertThat(verdict.message()).contains("exposure 1.70");
  }

  @Test
  void theAggregatorPublishesTheCalibratedCondition() {
    CountForecastStatus status = aggregator.aggregate(null, seen(null));
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals("Calibrated"))
        .singleElement().satisfies(c -> assertThat(c.getReason())
            .isEqualTo(Reasons.INSUFFICIENT_LIVE_DATA));
  }
}
