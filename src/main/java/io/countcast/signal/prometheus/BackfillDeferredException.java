package io.countcast.signal.prometheus;

import java.time.Duration;

/**
 * A tick that would have backfilled but whose turn ({@link BackfillPacer}) has not come: nothing
 * was fetched or stored, and the tick should be repeated after {@link #retryAfter()}. Not a
 * problem to report; the stored history is unchanged.
 */
public final class BackfillDeferredException extends RuntimeException {

  private final Duration retryAfter;

  public BackfillDeferredException(Duration retryAfter) {
    super("backfill deferred by " + retryAfter.toMillis() + " ms", null, false, false);
    this.retryAfter = retryAfter;
  }

  /** When to tick again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
