package io.countcast.signal;

/**
 * Stored windows as parallel primitive arrays, oldest first, ready for a count series.
 * The arrays are fresh copies owned by the caller.
 *
 * @param epochSeconds window start times
 * @param counts restarts per window (whole numbers, as double for the model's y)
 * @param exposure pod-seconds per window (for a log-exposure offset)
 */
public record SeriesArrays(long[] epochSeconds, double[] counts, double[] exposure) {

  public int size() {
    return epochSeconds.length;
  }
}
