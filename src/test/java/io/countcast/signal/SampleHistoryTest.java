package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleHistoryTest {

  private static WindowSample sample(long start, long count, double exposure) {
    return new WindowSample(start, start + 60, count, exposure);
  }

  @Test
  void capacityIsHistoryDividedByWindow() {
    assertThat(SampleHistory.capacityFor(Duration.ofDays(7), Duration.ofMinutes(5))).isEqualTo(2016);
    assertThat(SampleHistory.capacityFor(Duration.ofHours(1), Duration.ofSeconds(7))).isEqualTo(514);
  }

  @Test
  void capacityBeyondTheConfigMapLimitIsRejected() {
    assertThatThrownBy(() -> SampleHistory.capacityFor(Duration.ofDays(30), Duration.ofMinutes(1)))
        .hasMessageContaining("43200 windows").hasMessageContaining("1 MiB");
    assertThatThrownBy(() -> SampleHistory.capacityFor(Duration.ofMinutes(4), Duration.ofMinutes(5)))
        .hasMessageContaining("0 windows");
  }

  @Test
  void oldestWindowsAreDroppedBeyondCapacity() {
    SampleHistory history = new SampleHistory(3);
    for (int i = 0; i < 5; i++) {
      history.add(sample(60L * i, i, 10.0 * i));
    }
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.samples()).extracting(WindowSample::startEpochSecond).containsExactly(120L, 180L, 240L);
  }

  @Test
  void windowsMustArriveInOrder() {
    SampleHistory history = new SampleHistory(3);
    history.add(sample(120, 0, 0));
    assertThatThrownBy(() -> history.add(sample(120, 1, 0))).hasMessageContaining("does not start after");
    assertThatThrownBy(() -> history.add(sample(60, 1, 0))).hasMessageContaining("does not start after");
  }

  @Test
  void arraysAreParallelAndOldestFirstWithGapsKept() {
    SampleHistory history = SampleHistory.of(10,
        List.of(sample(0, 2, 120.5), sample(60, 0, 120), sample(600, 7, 30)));
    SeriesArrays arrays = history.toArrays();
    assertThat(arrays.size()).isEqualTo(3);
    assertThat(arrays.epochSeconds()).containsExactly(0, 60, 600);
    assertThat(arrays.counts()).containsExactly(2, 0, 7);
    assertThat(arrays.exposure()).containsExactly(120.5, 120, 30);
  }
}
