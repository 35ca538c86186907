package io.countcast.signal.prometheus.promql;

import java.util.List;

/**
 * Vector matching of a binary operation: {@code on (...)} or {@code ignoring (...)}, optionally
 * followed by {@code group_left (...)} or {@code group_right (...)}.
 *
 * @param on true for {@code on}, false for {@code ignoring}
 * @param labels matching label names
 * @param groupSide {@code "left"}, {@code "right"} or null for one-to-one matching
 * @param include extra labels named in the group modifier
 */
public record VectorMatching(boolean on, List<String> labels, String groupSide,
                             List<String> include) {

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }

  void print(StringBuilder out) {
    out.append(on ? " on (" : " ignoring (").append(String.join(", ", labels)).append(')');
    if (groupSide != null) {
      out.append(" group_").append(groupSide).append(" (").append(String.join(", ", include))
          .append(')');
    }
  }
}
