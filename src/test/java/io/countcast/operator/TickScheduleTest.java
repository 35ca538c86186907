package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TickScheduleTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void observesFiveSecondsBeforeAndAfterEachFiveMinuteBoundary() {
    Instant boundary = Instant.parse("2026-11-26T10:05:00Z");

    assertThat(TickSchedule.untilNextTick(boundary.minusSeconds(120), FIVE_MINUTES))
        .isEqualTo(Duration.ofSeconds(115));
    assertThat(TickSchedule.untilNextTick(boundary.minusSeconds(5), FIVE_MINUTES))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(TickSchedule.untilNextTick(boundary.plusSeconds(5), FIVE_MINUTES))
        .isEqualTo(Duration.ofSeconds(290));
  }

  @Test
  void oneSecondWindowsTickTwicePerSecond() {
    Instant boundary = Instant.parse("2026-11-26T10:00:01Z");

    assertThat(TickSchedule.untilNextTick(boundary.minusMillis(500), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(400));
    assertThat(TickSchedule.untilNextTick(boundary.minusMillis(100), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void neverSchedulesAnImmediateBusyLoop() {
    Instant justBeforeTick = Instant.parse("2026-11-26T10:04:55Z").minusMillis(5);

    assertThat(TickSchedule.untilNextTick(justBeforeTick, FIVE_MINUTES))
        .isEqualTo(Duration.ofMillis(10_005));
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
