package io.countcast.signal.prometheus;

import java.util.Map;

/**
 * One element of an instant {@code query} answer.
 *
 * @param labels the series labels (empty for a scalar answer)
 * @param value the value, possibly NaN or infinite
 */
public record InstantSample(Map<String, String> labels, double value) {

  public InstantSample {
    labels = Map.copyOf(labels);
  }
}
