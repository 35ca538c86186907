package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountSeriesTest {

  @Test
  void rejectsTimesOutOfOrderOffGridAndNegativeCounts() {
    assertThatThrownBy(() -> CountSeries.of(300, new long[] {0, 0}, new long[] {1, 2}))
        .hasMessageContaining("row 1");
    assertThatThrownBy(() -> CountSeries.of(300, new long[] {0, 301}, new long[] {1, 2}))
        .hasMessageContaining("not on the 300 s grid");
    assertThatThrownBy(() -> CountSeries.of(300, new long[] {0, 300}, new long[] {1, -2}))
        .hasMessageContaining("negative count");
    assertThatThrownBy(
        () -> new CountSeries(300, new long[] {0}, new long[] {1}, new double[] {0.0}))
        .hasMessageContaining("exposure");
  }

  @Test
  void gapsAreAllowedAndBetweenSelectsByStart() {
    CountSeries s = CountSeries.of(300, new long[] {0, 300, 1200, 1500}, new long[] {1, 2, 3, 4});
    CountSeries mid = s.between(300, 1500);
    assertThat(mid.counts()).containsExactly(2, 3);
    assertThat(s.lowerBound(600)).isEqualTo(2);
    assertThat(s.exposureAt(0)).isEqualTo(1.0);
  }

  @Test
  void rowsWithoutClockCountFromZero() {
    CountSeries s = CountSeries.ofRows(new long[] {5, 6, 7});
    assertThat(s.windowSeconds()).isEqualTo(1);
    assertThat(s.starts()).containsExactly(0, 1, 2);
  }
}
