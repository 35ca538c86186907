package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeasonalityTest {

  @Test
  void defaultOrdersFollowTheWindow() {
    assertThat(Seasonality.parse("daily,weekly", 300)).containsExactly(
        new Seasonality("daily", Seasonality.DAY, 4), new Seasonality("weekly", Seasonality.WEEK, 2));
    // 6-hour windows: 4 points a day identify one harmonic
    assertThat(Seasonality.parse("daily", 6 * 3600))
        .containsExactly(new Seasonality("daily", Seasonality.DAY, 1));
    // daily windows cannot see a daily cycle
    assertThat(Seasonality.parse("daily", Seasonality.DAY)).isEmpty();
    assertThat(Seasonality.parse("none", 300)).isEmpty();
    assertThat(Seasonality.ofRows(52)).containsExactly(new Seasonality("period", 52, 3));
  }

  @Test
  void unknownNamesAreRefused() {
    assertThatThrownBy(() -> Seasonality.parse("daily,monthly", 300))
        .hasMessageContaining("monthly");
  }
}
