package io.countcast.signal;

/**
 * The window currently being filled: what has been attributed to it so far.
 *
 * @param startEpochSecond window start (a multiple of the window length)
 * @param count restarts attributed so far
 * @param exposure pod-seconds attributed so far
 */
public record OpenWindow(long startEpochSecond, long count, double exposure) {

  /** An empty window starting at {@code startEpochSecond}. */
  static OpenWindow empty(long startEpochSecond) {
    return new OpenWindow(startEpochSecond, 0, 0);
  }

  OpenWindow plus(long moreRestarts, double moreExposure) {
    return new OpenWindow(startEpochSecond, count + moreRestarts, exposure + moreExposure);
  }

  WindowSample close(long windowSeconds) {
    return new WindowSample(startEpochSecond, startEpochSecond + windowSeconds, count, exposure);
  }
}
