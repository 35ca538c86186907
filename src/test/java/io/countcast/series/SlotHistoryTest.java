package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlotHistoryTest {

  // windows at slots 0, 1, 4 (slots 2 and 3 missing)
  private final CountSeries series =
      CountSeries.of(60, new long[] {0, 60, 240}, new long[] {3, 7, 1});

  @Test
  void gapsCarryTheLastObservationForwardAndAreNotZeros() {
    SlotHistory h = new SlotHistory(series, 300);
    assertThat(h.slots()).isEqualTo(5);
    assertThat(h.count(2)).isEqualTo(7);
    assertThat(h.count(3)).isEqualTo(7);
    assertThat(h.count(4)).isEqualTo(1);
    assertThat(h.log1pCount(-1)).isNaN();
    assertThat(h.meanLog1p(0, 1)).isCloseTo((Math.log(4) + Math.log(8)) / 2, within(1e-12));
    assertThat(h.meanLog1p(-1, 1)).isNaN();
  }

  @Test
  void readsNothingAtOrAfterTheOriginAndFillsAGapUpToIt() {
    SlotHistory h = new SlotHistory(series, 180); // origin at slot 3: only rows 0 and 1 exist
    assertThat(h.slots()).isEqualTo(3);
    assertThat(h.count(2)).isEqualTo(7);
    assertThatThrownBy(() -> h.log1pCount(3)).hasMessageContaining("past the last observation");
  }
}
