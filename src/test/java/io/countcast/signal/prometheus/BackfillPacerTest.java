package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backfills asked for at once start one per spacing, each at the time reserved for it. */
class BackfillPacerTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final BackfillPacer pacer = new BackfillPacer(Duration.ofMillis(50));

  @Test
  void backfillsAskedForTogetherAreSpreadOnePerSpacing() {
    assertThat(pacer.reserve("a", T0)).isZero();
    assertThat(pacer.reserve("b", T0)).hasMillis(50);
    assertThat(pacer.reserve("c", T0)).hasMillis(100);
    assertThat(pacer.reserve("d", T0)).hasMillis(150);
    assertThat(pacer.waiting()).isEqualTo(3);
  }

  @Test
  void aReservationIsKeptUntilItsTimeAndThenLetThrough() {
    pacer.reserve("a", T0);
    pacer.reserve("b", T0);
    pacer.reserve("c", T0);

    assertThat(pacer.reserve("c", T0.plusMillis(40))).as("asked again too early: same place")
        .hasMillis(60);
    assertThat(pacer.reserve("b", T0.plusMillis(50))).isZero();
    assertThat(pacer.reserve("c", T0.plusMillis(120))).isZero();
    assertThat(pacer.waiting()).isZero();
    assertThat(pacer.reserve("d", T0.plusMillis(120))).as("the next start after c's")
        .hasMillis(30);
  }

  @Test
  void aBackfillAfterAQuietSpellStartsAtOnce() {
    pacer.reserve("a", T0);
    pacer.reserve("b", T0);

    assertThat(pacer.reserve("c", T0.plusSeconds(10))).isZero();
  }

  @Test
  void aForgottenReservationIsDropped() {
    pacer.reserve("a", T0);
    pacer.reserve("b", T0);
    pacer.forget("b");

    assertThat(pacer.waiting()).isZero();
    assertThat(pacer.reserve("b", T0)).as("a new place at the end").hasMillis(100);
  }
}
