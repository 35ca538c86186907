package io.countcast.operator;

import java.time.Duration;

/**
 * Exact window arithmetic on durations of whole seconds: no step can overflow or wrap, whatever
 * the durations (up to {@code Long.MAX_VALUE} seconds), so a hostile spec is measured before
 * anything is sized by it.
 */
final class WindowMath {

  private WindowMath() {}

  /** Whole windows of {@code window} in {@code span}: span ÷ window, rounded down. */
  static long windowsIn(Duration span, Duration window) {
    return span.getSeconds() / positiveSeconds(window);
  }

  /** Windows of {@code window} needed to cover {@code span}: span ÷ window, rounded up. */
  static long windowsCovering(Duration span, Duration window) {
    long seconds = positiveSeconds(window);
    long whole = span.getSeconds() / seconds;
    return span.getSeconds() % seconds == 0 ? whole : whole + 1;
  }

  /** {@code span} in Prometheus form, largest unit first: 1w2d, 5m, 1h30m, 0s. */
  static String format(Duration span) {
    long left = span.getSeconds();
    StringBuilder out = new StringBuilder();
    long[] units = {604_800L, 86_400L, 3_600L, 60L, 1L};
    String names = "wdhms";
    for (int i = 0; i < units.length; i++) {
      if (left >= units[i]) {
        out.append(left / units[i]).append(names.charAt(i));
        left %= units[i];
      }
    }
    return out.isEmpty() ? "0s" : out.toString();
  }

  private static long positiveSeconds(Duration window) {
    if (window.getSeconds() < 1) {
      throw new IllegalArgumentException("a window is at least one second, got " + window);
    }
    return window.getSeconds();
  }
}
