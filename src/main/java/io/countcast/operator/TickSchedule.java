package io.countcast.operator;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next reconcile runs. The restart signal is collected only on reconciles, and a
 * collector attributes restarts to the window of the observation that sees them, so the
 * operator observes twice per window: shortly before each window boundary (so the window's last
 * restarts land in it) and shortly after (so the window closes and is stored promptly). The
 * margin is a tenth of the window, at least 50 ms and at most 5 s.
 *
 * <p>The Prometheus signal needs no observation inside a window: it fetches a window once it is
 * complete (end plus settle delay), and retries sooner while Prometheus fails.
 */
final class TickSchedule {

  private static final long MIN_MARGIN_MILLIS = 50;
  private static final long MAX_MARGIN_MILLIS = 5_000;
  private static final long MIN_DELAY_MILLIS = 20;
  /** After a window's settle delay, wait this much more before fetching it. */
  private static final long COMPLETION_MARGIN_MILLIS = 1_000;
  private static final Duration MIN_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

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

  /**
   * Time from {@code now} until the next window of length {@code window} is complete for the
   * Prometheus signal: its end plus {@code settle} (and a second of margin).
   */
  static Duration untilNextCompletion(Instant now, Duration window, Duration settle) {
    long windowMillis = window.toMillis();
    long offset = settle.toMillis() + COMPLETION_MARGIN_MILLIS;
    long nowMillis = now.toEpochMilli();
    long next = (Math.floorDiv(nowMillis - offset, windowMillis) + 1) * windowMillis + offset;
    if (next - nowMillis < MIN_DELAY_MILLIS) {
      next += windowMillis;
    }
    return Duration.ofMillis(next - nowMillis);
  }

  /** Retry delay while Prometheus fails: a twentieth of the window, 5 s to 1 min. */
  static Duration retryAfterFailure(Duration window) {
    Duration share = window.dividedBy(20);
    return share.compareTo(MIN_RETRY) < 0 ? MIN_RETRY
        : share.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : share;
  }
}
