package io.countcast.signal.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spreads Prometheus backfills (a CountForecast's first fetch of its whole history, or one
 * after a long gap) over time: one backfill may start every {@code spacing}, and a
 * CountForecast that comes when the next start is taken gets a start time of its own, reserved
 * for it, and is told how long to wait. A thousand CountForecasts created (or an operator
 * started) at once then backfill in turn, not in one burst of range queries; the reconcile
 * thread never blocks here, it comes back at its time.
 *
 * <p>Reservations are kept by key (the CountForecast's uid) until used or {@link #forget
 * forgotten}, so a CountForecast that comes back at its time is let through and does not go to
 * the end of the queue.
 */
public final class BackfillPacer {

  /** 20 backfills per second: 1,000 CountForecasts started at once backfill within 50 s. */
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(50);

  private final long spacingMillis;
  private final Map<String, Long> reserved = new HashMap<>();
  private long lastStart = Long.MIN_VALUE;

  /** @param spacing time between two backfill starts, positive */
  public BackfillPacer(Duration spacing) {
    if (spacing.isNegative() || spacing.isZero()) {
      throw new IllegalArgumentException("backfill spacing must be positive, got " + spacing);
    }
    this.spacingMillis = spacing.toMillis();
  }

  /** One backfill start every {@link #DEFAULT_SPACING}. */
  public static BackfillPacer defaults() {
    return new BackfillPacer(DEFAULT_SPACING);
  }

  /**
   * Asks to start the backfill of {@code key} at {@code now}.
   *
   * @return zero when it may start now, else how long to wait before asking again (its start
   *     is reserved by then)
   */
  public synchronized Duration reserve(String key, Instant now) {
    long at = now.toEpochMilli();
    Long mine = reserved.get(key);
    if (mine == null) {
      mine = lastStart == Long.MIN_VALUE ? at : Math.max(at, lastStart + spacingMillis);
      lastStart = mine;
      if (mine > at) {
        reserved.put(key, mine);
      }
    }
    if (mine > at) {
      return Duration.ofMillis(mine - at);
    }
    reserved.remove(key);
    return Duration.ZERO;
  }

  /** Drops the reservation of {@code key} (its CountForecast was deleted or left the shard). */
  public synchronized void forget(String key) {
    reserved.remove(key);
  }

  /** Reservations waiting now. */
  public synchronized int waiting() {
    return reserved.size();
  }
}
