package io.countcast.signal.prometheus;

import java.time.Instant;

/**
 * Turns the value of a per-window query into an event count.
 *
 * <p>Rule: a value within {@value #SNAP} of an integer is that integer (floating-point noise from
 * sums of rates); any other value is rounded half up ({@code floor(v + 0.5)}); a value below
 * {@code -}{@value #SNAP} is an error, since counts cannot be negative.
 *
 * <p>Why rounding is only an approximation: {@code increase(x[w])} extrapolates the increase it
 * sees between the first and last sample inside the window to the window's edges. With samples
 * every 60 s and a 5 m window only 4 intervals are seen, so a true count of 2 is reported as 2.5
 * and rounds to 3; counts are inflated by about {@code w / (w - scrape)} and their variance is
 * distorted. The exact way is {@link SignalQueryMode#COUNTER}: evaluate the raw counter at the
 * window edges and difference, which this package implements in {@link CounterDeltas}.
 */
public final class CountRounding {

  /** Distance to an integer under which a value is taken to be that integer. */
  public static final double SNAP = 1e-9;

  private CountRounding() {
  }

  /**
   * @param value the query value for the window
   * @param windowEnd end of the window, epoch seconds (for the error message)
   */
  public static long toCount(double value, long windowEnd) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("count value must be finite, got " + value);
    }
    if (value < -SNAP) {
      throw new PrometheusException(PrometheusException.Kind.QUERY_FAILED,
          "the query gave a negative count " + value
          + " for the window ending " + Instant.ofEpochSecond(windowEnd)
          + "; use increase() or a counter, not delta() or a gauge");
    }
    double nearest = Math.rint(value);
    if (Math.abs(value - nearest) <= SNAP) {
      return (long) Math.max(0, nearest);
    }
    return (long) Math.floor(value + 0.5);
  }
}
