package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingScheduleTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final TrainingSchedule schedule = new TrainingSchedule();
  private final ForecastPlan.ModelPlan settings = ForecastPlan.of(TestSpecs.minimal()).model();

  @Test
  void notDueBeforeMinSamples() {
    assertThat(schedule.isDue("a", 1, 47, settings, T0)).isFalse();
    assertThat(schedule.isDue("a", 1, 48, settings, T0)).isTrue();
  }

  @Test
  void dueAgainAfterTrainEveryOrANewGeneration() {
    schedule.succeeded("a", 1, T0);

    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(899))).isFalse();
    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(900))).isTrue();
    assertThat(schedule.isDue("a", 2, 60, settings, T0.plusSeconds(1))).isTrue();
    assertThat(schedule.isDue("b", 1, 60, settings, T0.plusSeconds(1))).isTrue();
  }

  @Test
  void aFailureIsRememberedUntilTheNextFitOfTheSameGeneration() {
    Problem failure = new Problem("FitFailed", "model fit on 60 windows failed: singular");
    schedule.failed("a", 1, T0, failure);

    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(1))).isFalse();
    assertThat(schedule.lastFailure("a", 1)).contains(failure);
    assertThat(schedule.lastFailure("a", 2)).isEmpty();

    schedule.succeeded("a", 1, T0.plusSeconds(900));
    assertThat(schedule.lastFailure("a", 1)).isEmpty();
  }

  @Test
  void aRemovedResourceIsForgotten() {
    schedule.succeeded("a", 1, T0);
    schedule.remove("a");

    assertThat(schedule.isDue("a", 1, 60, settings, T0.plusSeconds(1))).isTrue();
  }
}
