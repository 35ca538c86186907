package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.CountForecastSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingScheduleTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final TrainingSchedule schedule = new TrainingSchedule();
  private final ForecastSettings settings = ForecastSettings.of(new CountForecastSpec());

  @Test
  void notDueBeforeMinSamples() {
    assertThat(schedule.isDue("a", 1, 47, settings, T0)).isFalse();
    assertThat(schedule.isDue("a", 1, 48, settings, T0)).isTrue();
  }

  @Test
  void dueAgainAfterTrainEveryOrANewGeneration() {
    schedule.attempted("a", 1, T0);

    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(899))).isFalse();
    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(900))).isTrue();
    assertThat(schedule.isDue("a", 2, 60, settings, T0.plusSeconds(1))).isTrue();
    assertThat(schedule.isDue("b", 1, 60, settings, T0.plusSeconds(1))).isTrue();
  }

  @Test
  void aRemovedResourceIsForgotten() {
    schedule.attempted("a", 1, T0);
    schedule.remove("a");

    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(1))).isTrue();
  }
}
