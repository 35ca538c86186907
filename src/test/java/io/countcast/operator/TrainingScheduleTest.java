package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
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
  void dueAgainAtItsRefitSlotOrOnANewGeneration() {
    schedule.succeeded("a", 1, T0);
    Instant slot = TrainingSchedule.nextFit("a", T0, settings.trainEvery());

    assertThat(schedule.isDue("a", 1, 60, settings, slot.minusMillis(1))).isFalse();
    assertThat(schedule.untilDue("a", 1, 60, settings, slot.minusMillis(1))).hasMillis(1);
    assertThat(schedule.isDue("a", 1, 60, settings, slot)).isTrue();
    assertThat(schedule.untilDue("a", 1, 60, settings, slot)).isZero();
    assertThat(schedule.isDue("a", 2, 60, settings, T0.plusSeconds(1))).isTrue();
    assertThat(schedule.untilDue("a", 2, 60, settings, T0.plusSeconds(1))).isZero();
    assertThat(schedule.isDue("b", 1, 60, settings, T0.plusSeconds(1))).isTrue();
    assertThat(schedule.untilDue("b", 1, 47, settings, T0)).as("short of minSamples").isNull();
  }

  @Test
  void refitsOfAThousandForecastsFittedTogetherAreSpreadOverTheirPeriod() {
    Duration every = settings.trainEvery(); // 15 minutes
    int[] perTenth = new int[10];
    for (int i = 0; i < 1_000; i++) {
      String uid = UUID.nameUUIDFromBytes(("forecast-" + i).getBytes()).toString();
      Instant first = TrainingSchedule.nextFit(uid, T0, every);
      Instant second = TrainingSchedule.nextFit(uid, first, every);

      assertThat(Duration.between(T0, first)).isGreaterThanOrEqualTo(every.dividedBy(2))
          .isLessThan(every.dividedBy(2).plus(every));
      assertThat(Duration.between(first, second)).as("then exactly every trainEvery")
          .isEqualTo(every);
      assertThat(TrainingSchedule.nextFit(uid, T0, every)).as("deterministic").isEqualTo(first);
      long offset = Duration.between(T0.plus(every.dividedBy(2)), first).toMillis();
      perTenth[(int) (offset * 10 / every.toMillis())]++;
    }
    // Uniform would be 100 per tenth of the period; all in the same second would be 1,000.
    assertThat(Arrays.stream(perTenth).boxed())
        .allSatisfy(n -> assertThat(n).isBetween(60, 140));
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
