package io.countcast.signal.prometheus.promql;

import java.util.List;

/**
 * The {@code by (...)} or {@code without (...)} clause of an aggregation.
 *
 * @param without true for {@code without}, false for {@code by}
 * @param labels grouping label names
 */
public record Grouping(boolean without, List<String> labels) {

  public Grouping {
    labels = List.copyOf(labels);
  }

  void print(StringBuilder out) {
    out.append(without ? "without" : "by").append(" (").append(String.join(", ", labels))
        .append(')');
  }
}
