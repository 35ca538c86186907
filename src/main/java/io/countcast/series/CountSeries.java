package io.countcast.series;

import java.util.Arrays;

/**
 * A count series on a regular grid of windows, with gaps allowed.
 *
 * <p>Each row is one observed window: its start (epoch seconds, or a row number when the series
 * has no clock, see {@link #ofRows}), its count and optionally its exposure (e.g. the number of
 * pods observed, used as a log offset). A missing window is an absent row, never a zero: a gap
 * means "not observed", and the features treat it so (see {@link SlotHistory}).
 *
 * @param windowSeconds length of one window; every start lies on the grid {@code starts[0] + k·w}
 * @param starts window starts, strictly increasing
 * @param counts non-negative counts, one per start
 * @param exposure positive exposures, one per start, or null for "all ones"
 */
public record CountSeries(long windowSeconds, long[] starts, long[] counts, double[] exposure) {

  public CountSeries {
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException("window must be positive, got " + windowSeconds);
    }
    if (starts.length != counts.length) {
      throw new IllegalArgumentException(
          starts.length + " timestamps but " + counts.length + " counts");
    }
    if (exposure != null && exposure.length != counts.length) {
      throw new IllegalArgumentException(
          exposure.length + " exposures but " + counts.length + " counts");
    }
    for (int i = 0; i < starts.length; i++) {
      if (i > 0 && starts[i] <= starts[i - 1]) {
        throw new IllegalArgumentException("timestamps must increase: row " + i + " ("
            + starts[i] + ") is not after row " + (i - 1) + " (" + starts[i - 1] + ")");
      }
      if (Math.floorMod(starts[i] - starts[0], windowSeconds) != 0) {
        throw new IllegalArgumentException("row " + i + " starts at " + starts[i]
            + ", which is not on the " + windowSeconds + " s grid that starts at " + starts[0]);
      }
      if (counts[i] < 0) {
        throw new IllegalArgumentException("row " + i + " has a negative count " + counts[i]);
      }
      if (exposure != null && !(exposure[i] > 0 && Double.isFinite(exposure[i]))) {
        throw new IllegalArgumentException("row " + i + " has exposure " + exposure[i]
            + "; exposure must be positive and finite");
      }
    }
    starts = starts.clone();
    counts = counts.clone();
    exposure = exposure == null ? null : exposure.clone();
  }

  /** A series without exposure. */
  public static CountSeries of(long windowSeconds, long[] starts, long[] counts) {
    return new CountSeries(windowSeconds, starts, counts, null);
  }

  /**
   * Consecutive rows with no clock: row i starts at i and the window is 1, so seasonal periods
   * and horizons count rows (the CLI's {@code --period N}).
   */
  public static CountSeries ofRows(long[] counts) {
    long[] starts = new long[counts.length];
    Arrays.setAll(starts, i -> i);
    return new CountSeries(1, starts, counts, null);
  }

  public int size() {
    return counts.length;
  }

  @Override
  public long[] starts() {
    return starts.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  @Override
  public double[] exposure() {
    return exposure == null ? null : exposure.clone();
  }

  public long start(int i) {
    return starts[i];
  }

  public long count(int i) {
    return counts[i];
  }

  /** Exposure of row i (1 when the series has none). */
  public double exposureAt(int i) {
    return exposure == null ? 1.0 : exposure[i];
  }

  public boolean hasExposure() {
    return exposure != null;
  }

  /**
   * The rows whose start lies in [from, to), as a new series (a view for a training window).
   */
  public CountSeries between(long from, long to) {
    int lo = lowerBound(from);
    int hi = lowerBound(to);
    return new CountSeries(windowSeconds, Arrays.copyOfRange(starts, lo, hi),
        Arrays.copyOfRange(counts, lo, hi),
        exposure == null ? null : Arrays.copyOfRange(exposure, lo, hi));
  }

  /** Index of the first row starting at or after {@code time} (size() if none). */
  public int lowerBound(long time) {
    int i = Arrays.binarySearch(starts, time);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountSeries other && windowSeconds == other.windowSeconds
        && Arrays.equals(starts, other.starts) && Arrays.equals(counts, other.counts)
        && Arrays.equals(exposure, other.exposure);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(starts) * 31 + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "CountSeries[" + size() + " windows of " + windowSeconds + " s]";
  }
}
