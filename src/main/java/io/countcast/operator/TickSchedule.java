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
 * <p>The tick after the boundary, the one that closes the window and writes it, comes at the
 * CountForecast's own point of a band after the margin ({@link UidPhase}; the band is a fifth of
 * the window, at most 30 s), so a thousand CountForecasts with equal windows do not all list
 * their pods and write their ConfigMaps in the same second. A window never closes before its end
 * (the closing tick is always after the boundary), and what each window counts is unchanged: the
 * tick before the boundary is not moved, so attribution still shifts by at most the margin. The
 * price is that a window is stored (and a forecast from it made) up to the band later.
 *
 * <p>The Prometheus signal needs no observation inside a window: it fetches a window once it is
 * complete (end plus settle delay), and retries sooner while Prometheus fails.
 */
final class TickSchedule {

  private static final long MIN_MARGIN_MILLIS = 50;
  private static final long MAX_MARGIN_MILLIS = 5_000;
  /** The band the closing tick is spread over: a fifth of the window, at most this. */
  private static final long MAX_SPREAD_MILLIS = 30_000;
  private static final long MIN_DELAY_MILLIS = 20;
  /** After a window's settle delay, wait this much more before fetching it. */
  private static final long COMPLETION_MARGIN_MILLIS = 1_000;
  private static final Duration MIN_RETRY = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private TickSchedule() {}

  /**
   * Time from {@code now} to the next observation of the CountForecast {@code uid} for windows
   * of length {@code window}: the margin before the next boundary, or the margin plus the uid's
   * phase of the spread band after a boundary.
   */
  static Duration untilNextTick(Instant now, Duration window, String uid) {
    long windowMillis = window.toMillis();
    long margin = Math.max(MIN_MARGIN_MILLIS, Math.min(MAX_MARGIN_MILLIS, windowMillis / 10));
    long after = margin + UidPhase.of(uid, Math.min(MAX_SPREAD_MILLIS, windowMillis / 5));
    long nowMillis = now.toEpochMilli();
    long nextBoundary = (Math.floorDiv(nowMillis, windowMillis) + 1) * windowMillis;
    long previousBoundary = nextBoundary - windowMillis;
    // margin + spread is at most 3/10 of the window, so these are in time order.
    long[] candidates = {previousBoundary + after, nextBoundary - margin, nextBoundary + after};
    for (long tick : candidates) {
      if (tick - nowMillis >= MIN_DELAY_MILLIS) {
        return Duration.ofMillis(tick - nowMillis);
      }
    }
    return Duration.ofMillis(nextBoundary + after - nowMillis);
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
