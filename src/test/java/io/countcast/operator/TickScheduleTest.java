package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TickScheduleTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final String UID = "0b6c7a9e-5c1f-4f3e-9d4b-2a8f1e6d3c70";
  /** Where UID's closing tick falls in the band after the margin (a fifth of the window). */
  private static final long UID_PHASE_5M = UidPhase.of(UID, 30_000);

  @Test
  void observesFiveSecondsBeforeAndAtItsPhaseAfterEachFiveMinuteBoundary() {
    Instant boundary = Instant.parse("2026-11-26T10:05:00Z");

    assertThat(TickSchedule.untilNextTick(boundary.minusSeconds(120), FIVE_MINUTES, UID))
        .isEqualTo(Duration.ofSeconds(115));
    assertThat(TickSchedule.untilNextTick(boundary.minusSeconds(5), FIVE_MINUTES, UID))
        .isEqualTo(Duration.ofSeconds(10).plusMillis(UID_PHASE_5M));
    assertThat(TickSchedule.untilNextTick(boundary.plusSeconds(5).plusMillis(UID_PHASE_5M),
        FIVE_MINUTES, UID)).isEqualTo(Duration.ofSeconds(290).minusMillis(UID_PHASE_5M));
  }

  @Test
  void oneSecondWindowsTickTwicePerSecond() {
    Instant boundary = Instant.parse("2026-11-26T10:00:01Z");

    Duration second = Duration.ofSeconds(1);
    long phase = UidPhase.of(UID, 200);

    assertThat(TickSchedule.untilNextTick(boundary.minusMillis(500), second, UID))
        .isEqualTo(Duration.ofMillis(400));
    assertThat(TickSchedule.untilNextTick(boundary.minusMillis(100), second, UID))
        .isEqualTo(Duration.ofMillis(200 + phase));
  }

  @Test
  void neverSchedulesAnImmediateBusyLoop() {
    Instant justBeforeTick = Instant.parse("2026-11-26T10:04:55Z").minusMillis(5);

    assertThat(TickSchedule.untilNextTick(justBeforeTick, FIVE_MINUTES, UID))
        .isEqualTo(Duration.ofMillis(10_005 + UID_PHASE_5M));
  }

  @Test
  void closingTicksOfAThousandForecastsAreSpreadOverABandAfterTheBoundary() {
    Duration window = Duration.ofSeconds(30); // margin 3 s, band 6 s
    Instant boundary = Instant.parse("2026-11-26T10:05:00Z");
    int[] perTenth = new int[10];
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String uid = UUID.nameUUIDFromBytes(("forecast-" + i).getBytes()).toString();
      Instant tenBefore = boundary.minusSeconds(10);
      Instant before = tenBefore.plus(TickSchedule.untilNextTick(tenBefore, window, uid));
      Instant closing = before.plus(TickSchedule.untilNextTick(before, window, uid));
      Instant next = closing.plus(TickSchedule.untilNextTick(closing, window, uid));

      assertThat(before).as("the tick before the boundary is not moved")
          .isEqualTo(boundary.minusSeconds(3));
      assertThat(closing).as("never closes the window before its end")
          .isAfterOrEqualTo(boundary.plusSeconds(3)).isBefore(boundary.plusSeconds(9));
      assertThat(next).as("then before the next boundary").isEqualTo(boundary.plusSeconds(27));
      Instant late = boundary.minusSeconds(1); // e.g. a reconcile on an event
      assertThat(late.plus(TickSchedule.untilNextTick(late, window, uid)))
          .as("the same phase from any moment").isEqualTo(closing);
      long offset = Duration.between(boundary.plusSeconds(3), closing).toMillis();
      perTenth[(int) (offset * 10 / 6_000)]++;
      distinct.add(offset);
    }
    // Uniform would be 100 per tenth of the band; all at the boundary's margin would be 1,000.
    assertThat(Arrays.stream(perTenth).boxed()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
    assertThat(distinct).hasSizeGreaterThan(800);
  }

  @Test
  void theBandIsAtMostThirtySecondsAfterTheMargin() {
    Duration hour = Duration.ofHours(1); // margin 5 s, band capped at 30 s (not 12 min)
    Instant boundary = Instant.parse("2026-11-26T11:00:00Z");
    for (int i = 0; i < 200; i++) {
      String uid = UUID.nameUUIDFromBytes(("forecast-" + i).getBytes()).toString();
      Instant closing = boundary.minusSeconds(5)
          .plus(TickSchedule.untilNextTick(boundary.minusSeconds(5), hour, uid));

      assertThat(closing).isAfterOrEqualTo(boundary.plusSeconds(5))
          .isBefore(boundary.plusSeconds(35));
    }
  }

  @Test
  void prometheusTicksOneSecondAfterEachWindowHasSettled() {
    Instant boundary = Instant.parse("2026-11-26T10:05:00Z");
    Duration settle = Duration.ofMinutes(1);

    assertThat(TickSchedule.untilNextCompletion(boundary, FIVE_MINUTES, settle))
        .isEqualTo(Duration.ofSeconds(61));
    assertThat(TickSchedule.untilNextCompletion(boundary.plusSeconds(61), FIVE_MINUTES, settle))
        .isEqualTo(Duration.ofSeconds(300));
    assertThat(TickSchedule.untilNextCompletion(boundary.plusSeconds(62), FIVE_MINUTES, settle))
        .isEqualTo(Duration.ofSeconds(299));
  }

  @Test
  void prometheusFailuresAreRetriedAfterATwentiethOfTheWindowWithinFiveSecondsToAMinute() {
    assertThat(TickSchedule.retryAfterFailure(FIVE_MINUTES)).isEqualTo(Duration.ofSeconds(15));
    assertThat(TickSchedule.retryAfterFailure(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(TickSchedule.retryAfterFailure(Duration.ofHours(1)))
        .isEqualTo(Duration.ofMinutes(1));
  }
}
