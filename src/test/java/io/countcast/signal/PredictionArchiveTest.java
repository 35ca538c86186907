package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.model.ZeroInflatedCount;
import io.countcast.series.AnomalyScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionArchiveTest {

  private static final long W = 300;

  private static SeriesArrays history(long... countsFrom1000) {
    long[] starts = new long[countsFrom1000.length];
    double[] counts = new double[countsFrom1000.length];
    double[] exposure = new double[countsFrom1000.length];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = 1_000_200 + i * W;
      counts[i] = countsFrom1000[i];
      exposure[i] = 600;
    }
    return new SeriesArrays(starts, counts, exposure);
  }

  private static WindowPrediction nb(long start, double mean, double size) {
    NegBinomialCount p = new NegBinomialCount(mean, size);
    return WindowPrediction.of(start, mean, p.quantile(0.05), p.quantile(0.95), 0, p);
  }

  @Test
  void versionsGoUpByOneAndPendingForecastsAreArchivedWhenTheirWindowCloses() {
    PredictionArchive archive = PredictionArchive.empty(10);
    assertThat(archive.model()).isNull();
    assertThat(archive.retrained(1_000_200, 1_000_500, 1_000_520).version()).isEqualTo(1);
    archive.forecast(List.of(nb(1_000_500, 2, 3).withVersion(1), nb(1_000_800, 2, 3).withVersion(1)));
    // the history has closed 1_000_500 (its second window), not yet 1_000_800
    assertThat(archive.close(history(4, 9), W)).isTrue();
    assertThat(archive.closed()).hasSize(1);
    ArchivedWindow closed = archive.latest();
    assertThat(closed.startEpochSecond()).isEqualTo(1_000_500);
    assertThat(closed.endEpochSecond()).isEqualTo(1_000_800);
    assertThat(closed.observed()).isEqualTo(9);
    assertThat(closed.prediction().version()).isEqualTo(1);
    assertThat(closed.tailProbability())
        .isCloseTo(new NegBinomialCount(2, 3).exceedance(8), within(1e-12));
    assertThat(archive.pending()).extracting(WindowPrediction::startEpochSecond)
        .containsExactly(1_000_800L);
    assertThat(archive.close(history(4, 9), W)).isFalse();
    assertThat(archive.retrained(1_000_200, 1_000_800, 1_000_820).version()).isEqualTo(2);
  }

  @Test
  void aPendingWindowTheHistoryPassedWithoutStoringIsDropped() {
    PredictionArchive archive = PredictionArchive.empty(10);
    archive.forecast(List.of(nb(1_000_350, 2, 3)));  // not on the history's grid: a gap
    assertThat(archive.close(history(1, 2), W)).isTrue();
    assertThat(archive.closed()).isEmpty();
    assertThat(archive.pending()).isEmpty();
  }

  @Test
  void theArchiveIsBoundedLikeTheHistory() {
    PredictionArchive archive = PredictionArchive.empty(2);
    SeriesArrays h = history(1, 2, 3, 4);
    archive.forecast(List.of(nb(1_000_200, 1, 1), nb(1_000_500, 1, 1), nb(1_000_800, 1, 1),
        nb(1_001_100, 1, 1)));
    archive.close(h, W);
    assertThat(archive.closed()).extracting(ArchivedWindow::observed).containsExactly(3L, 4L);
    assertThat(PredictionArchive.capacityFor(100_000)).isEqualTo(PredictionArchive.MAX_WINDOWS);
  }

  @Test
  void everyEngineDistributionIsKeptInThreeNumbers() {
    for (var p : List.of(new PoissonCount(3.5), new NegBinomialCount(3.5, 0.7),
        new ZeroInflatedCount(0.3, new NegBinomialCount(3.5, 0.7)),
        new ZeroInflatedCount(0.2, new PoissonCount(1.5)))) {
      var kept = WindowPrediction.of(0, p.mean(), 0, 9, 1, p).distribution();
      for (long k = 0; k < 20; k++) {
        assertThat(kept.pmf(k)).as("%s at %d", p, k).isCloseTo(p.pmf(k), within(1e-12));
      }
      assertThat(AnomalyScore.of(kept, 7)).isCloseTo(AnomalyScore.of(p, 7), within(1e-12));
    }
  }

  @Test
  void theCodecRoundTripsAndOldStateWithoutAnArchiveStillLoads() {
    PredictionArchive archive = PredictionArchive.empty(10);
    archive.retrained(1_000_200, 1_000_500, 1_000_520);
    archive.forecast(List.of(nb(1_000_500, 2.345678901, 0.123456789).withVersion(1),
        nb(1_000_800, 1e-9, 3).withVersion(1)));
    archive.close(history(4, 9), W);
    Map<String, String> data = PredictionArchiveCodec.encode(archive);
    PredictionArchive back = PredictionArchiveCodec.decode(data, 10, "ConfigMap ns/x");
    assertThat(back.model()).isEqualTo(archive.model());
    assertThat(back.pending()).hasSize(1);
    assertThat(back.pending().get(0).mean()).isCloseTo(1e-9, within(1e-17));
    ArchivedWindow w = back.latest();
    assertThat(w.observed()).isEqualTo(9);
    assertThat(w.prediction().mean()).isCloseTo(2.345678901, within(1e-7));
    assertThat(w.tailProbability()).isCloseTo(archive.latest().tailProbability(), within(1e-6));
    assertThat(PredictionArchiveCodec.encode(back)).isEqualTo(data);
    // A CountForecast from before the archive: no model line, no windows.
    PredictionArchive empty = PredictionArchiveCodec.decode(Map.of("format",
        PredictionArchiveCodec.FORMAT), 10, "ConfigMap ns/x");
    assertThat(empty.model()).isNull();
    assertThat(empty.closed()).isEmpty();
  }

  @Test
  void aPoisonedArchiveIsRefusedNamingTheKeyAndLine() {
    PredictionArchive archive = PredictionArchive.empty(10);
    archive.forecast(List.of(nb(1_000_200, 2, 3), nb(1_000_500, 2, 3)));
    archive.close(history(4, 9), W);
    Map<String, String> good = PredictionArchiveCodec.encode(archive);
    Map<String, String> bad = new java.util.HashMap<>(good);
    bad.put("windows", good.get("windows").replaceFirst("\n.*,", "\n1000500,1000800,-1,"));
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageStartingWith("ConfigMap ns/x key 'windows' line 2");
    bad.put("windows", good.get("windows").replace("\n1000500,", "\n1000100,"));
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageContaining("line 2").hasMessageContaining("not after");
    bad.put("windows", "1,2,3,4,5,6,7,8,0.5,NaN,1\n");
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageContaining("line 1 mean");
    bad.put("windows", "1,2,3,4,5,6,7,8,0.5,1e16,1\n");
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageContaining("line 1 mean");
    bad.put("windows", "1,2,3,4,5,6,7,8,0.5,1,1e-300\n");
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageContaining("line 1 size");
    bad.put("windows", "");
    bad.put("model", "9223372036854775807,1,2,3"); // would overflow at the next retraining
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageStartingWith("ConfigMap ns/x key 'model' version");
    bad.put("model", "0,1,2,3");
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(bad, 10, "ConfigMap ns/x"))
        .hasMessageStartingWith("ConfigMap ns/x key 'model'");
    assertThatThrownBy(() -> PredictionArchiveCodec.decode(Map.of("format", "x"), 10, "CM"))
        .hasMessageContaining("key 'format'");
  }
}
