package io.countcast.series;

/**
 * A labelled surge period [start, end] (epoch seconds), e.g. a NAB anomaly window.
 *
 * @param start first second of the period
 * @param end last second of the period
 */
public record LabelledWindow(long start, long end) {

  public LabelledWindow {
    if (end < start) {
      throw new IllegalArgumentException("labelled window ends (" + end + ") before it starts ("
          + start + ")");
    }
  }
}
