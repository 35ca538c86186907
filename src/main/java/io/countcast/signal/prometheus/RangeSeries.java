package io.countcast.signal.prometheus;

import java.util.Arrays;
import java.util.Map;

/**
 * One series of a {@code query_range} answer, finite points only (NaN and ±Inf are dropped when
 * the answer is read).
 *
 * @param labels the series labels
 * @param timestamps evaluation times in epoch seconds, increasing
 * @param values the value at each timestamp
 */
public record RangeSeries(Map<String, String> labels, long[] timestamps, double[] values) {

  public RangeSeries {
    labels = Map.copyOf(labels);
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
    timestamps = timestamps.clone();
    values = values.clone();
  }

  public int size() {
    return timestamps.length;
  }

  @Override
  public long[] timestamps() {
    return timestamps.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public String toString() {
    return "RangeSeries" + labels + " " + Arrays.toString(timestamps) + " "
        + Arrays.toString(values);
  }
}
