package io.countcast.signal;

/**
 * One closed window of the restart signal.
 *
 * @param startEpochSecond window start, inclusive (a multiple of the window length)
 * @param endEpochSecond window end, exclusive
 * @param count container restarts attributed to the window
 * @param exposure pod-seconds attributed to the window (see {@link WindowedRestartCounter})
 */
public record WindowSample(long startEpochSecond, long endEpochSecond, long count, double exposure) {

  public WindowSample {
    if (endEpochSecond <= startEpochSecond) {
      throw new IllegalArgumentException(
          "window ends at " + endEpochSecond + " but starts at " + startEpochSecond);
    }
    if (count < 0 || !(exposure >= 0) || Double.isInfinite(exposure)) {
      throw new IllegalArgumentException("window " + startEpochSecond + " has count " + count
          + " and exposure " + exposure + "; both must be finite and non-negative");
    }
  }
}
