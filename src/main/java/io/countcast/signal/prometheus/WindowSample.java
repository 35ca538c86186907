package io.countcast.signal.prometheus;

/**
 * The count of events in one window {@code (start, end]} read from Prometheus.
 *
 * @param start window start, epoch seconds (a multiple of the window length)
 * @param end window end, epoch seconds ({@code start + window})
 * @param count events in the window
 * @param exposure the exposure (offset) of the window, or NaN when no exposure query is set
 */
public record WindowSample(long start, long end, long count, double exposure) {

  public WindowSample {
    if (end <= start) {
      throw new IllegalArgumentException("window end " + end + " must be after start " + start);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }

  /** True if the window carries an exposure value. */
  public boolean hasExposure() {
    return !Double.isNaN(exposure);
  }
}
