package io.countcast.signal.prometheus;

import java.time.Duration;

/**
 * The {@code $window} placeholder of signal queries and the PromQL spelling of durations.
 */
public final class PromqlWindow {

  /** Placeholder replaced by the window length before the query is parsed. */
  public static final String PLACEHOLDER = "$window";

  private PromqlWindow() {
  }

  /** Replaces every {@code $window} with the window as a PromQL duration ({@code 5m}, {@code 1h}). */
  public static String substitute(String query, Duration window) {
    return query.replace(PLACEHOLDER, format(window));
  }

  /**
   * A PromQL duration for a whole number of seconds, in the largest units that divide it
   * ({@code 90s} becomes {@code 1m30s}, {@code 86400s} becomes {@code 1d}).
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
      throw new IllegalArgumentException(
          "window must be a positive whole number of seconds, got " + duration);
    }
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    long[] unitSeconds = {86_400, 3_600, 60, 1};
    String[] unitNames = {"d", "h", "m", "s"};
    for (int i = 0; i < unitSeconds.length; i++) {
      long count = seconds / unitSeconds[i];
      if (count > 0) {
        out.append(count).append(unitNames[i]);
        seconds -= count * unitSeconds[i];
      }
    }
    return out.toString();
  }
}
