package io.countcast.operator;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next reconcile runs. The restart signal is collected only on reconciles, and a
 * collector attributes restarts to the window of the observation that sees them, so the
 * operator observes twice per window: shortly before each window boundary (so the window's last
 * restarts land in it) and shortly after (so the window closes and is stored promptly). The
 * margin is a tenth of the window, at least 50 ms and at most 5 s.
 */
final class TickSchedule {

  private static final long MIN_MARGIN_MILLIS = 50;
  private static final long MAX_MARGIN_MILLIS = 5_000;
  private static final long MIN_DELAY_MILLIS = 20;

  private TickSchedule() {}

  /** Time from {@code now} to the next observation for windows of length {@code window}. */
  static Duration untilNextTick(Instant now, Duration window) {
    long windowMillis = window.toMillis();
    long margin = Math.max(MIN_MARGIN_MILLIS, Math.min(MAX_MARGIN_MILLIS, windowMillis / 10));
    long nowMillis = now.toEpochMilli();
    long nextBoundary = (Math.floorDiv(nowMillis, windowMillis) + 1) * windowMillis;
    long previousBoundary = nextBoundary - windowMillis;
    long[] candidates = {previousBoundary + margin, nextBoundary - margin, nextBoundary + margin};
    for (long tick : candidates) {
      if (tick - nowMillis >= MIN_DELAY_MILLIS) {
        return Duration.ofMillis(tick - nowMillis);
      }
    }
    return Duration.ofMillis(nextBoundary + margin - nowMillis);
  }
}
