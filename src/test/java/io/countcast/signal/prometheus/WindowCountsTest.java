package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowCountsTest {

  @Test
  void roundingSnapsNoiseAndRoundsHalfUp() {
    assertThat(CountRounding.toCount(2.0000000001, 0)).isEqualTo(2);
    assertThat(CountRounding.toCount(1.9999999999, 0)).isEqualTo(2);
    assertThat(CountRounding.toCount(2.5, 0)).isEqualTo(3);
    assertThat(CountRounding.toCount(2.4999, 0)).isEqualTo(2);
    assertThat(CountRounding.toCount(-1e-12, 0)).isZero();
    assertThatThrownBy(() -> CountRounding.toCount(-0.5, 1_700_000_000))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("negative count -0.5 for the window ending 2023-11-14T22:13:20Z");
  }

  @Test
  void counterDeltasDifferencePerSeriesAndHandleResets() {
    RangeSeries a = new RangeSeries(Map.of("code", "500"),
        new long[] {0, 60, 120, 180, 300}, new double[] {10, 13, 2, 5, 9});
    RangeSeries b = new RangeSeries(Map.of("code", "503"),
        new long[] {60, 120}, new double[] {100, 101});
    // a: 60 -> +3; 120 reset -> 2; 180 -> +3; 300 follows a missing edge at 240 -> skipped.
    // b: first edge 60 is a baseline; 120 -> +1.
    assertThat(CounterDeltas.windowCounts(List.of(a, b), 60))
        .containsExactly(Map.entry(60L, 3L), Map.entry(120L, 3L), Map.entry(180L, 3L));
  }

  @Test
  void rangesAreSplitIntoChunksOfAtMostMaxPoints() {
    assertThat(RangeQueries.split(100, 100 + 95 * 10, 10, 10))
        .extracting(c -> c[0] + ".." + c[1])
        .containsExactly("100..190", "200..290", "300..390", "400..490", "500..590",
            "600..690", "700..790", "800..890", "900..990", "1000..1050");
    assertThat(RangeQueries.split(0, 0, 60, 2)).hasSize(1);
  }

  @Test
  void backoffGrowsExponentiallyWithinCapsAndJitters() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500));
    Random random = new Random(3);
    long[] caps = {100, 200, 400, 500, 500};
    for (int retry = 1; retry <= 5; retry++) {
      long max = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < 200; i++) {
        long ms = policy.backoff(retry, random).toMillis();
        max = Math.max(max, ms);
        min = Math.min(min, ms);
      }
      assertThat(max).isLessThanOrEqualTo(caps[retry - 1]).isGreaterThan(caps[retry - 1] / 2);
      assertThat(min).isLessThan(caps[retry - 1] / 2);
    }
  }

  @Test
  void windowingValidatesItsInputs() {
    assertThatThrownBy(() -> SignalWindowing.of(Duration.ofMillis(1500), Duration.ofDays(1)))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> SignalWindowing.of(Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageContaining("shorter than one window");
    assertThatThrownBy(() -> PrometheusSignalSpec.ofQuery(null, " ", null))
        .hasMessageContaining("exactly one of query and counterQuery");
  }
}
