package io.countcast.signal.prometheus.promql;

/**
 * The {@code offset} and {@code @} modifiers of a selector or subquery, kept as written.
 *
 * @param offset duration text, with a leading {@code -} for a negative offset; null when absent
 * @param at timestamp text ({@code 1609746000}, {@code start()}, {@code end()}); null when absent
 */
public record Modifiers(String offset, String at) {

  /** No modifiers. */
  public static final Modifiers NONE = new Modifiers(null, null);

  boolean isEmpty() {
    return offset == null && at == null;
  }

  Modifiers withOffset(String newOffset) {
    return new Modifiers(newOffset, at);
  }

  Modifiers withAt(String newAt) {
    return new Modifiers(offset, newAt);
  }

  void print(StringBuilder out) {
    if (offset != null) {
      out.append(" offset ").append(offset);
    }
    if (at != null) {
      out.append(" @ ").append(at);
    }
  }
}
