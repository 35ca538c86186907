package io.countcast.signal.prometheus.promql;

/**
 * A PromQL query that cannot be parsed, or cannot be rewritten safely. Carries the reason and the
 * 1-based column in the query text (after {@code $window} substitution) where the problem was
 * found, so the operator can surface a one-line message in the resource status.
 */
public final class PromqlException extends RuntimeException {

  private final String reason;
  private final int column;

  /**
   * @param reason what is wrong, in plain words
   * @param offset 0-based character offset in {@code query}
   * @param query the query text that was being read
   */
  public PromqlException(String reason, int offset, String query) {
    super("PromQL rejected at column " + (offset + 1) + ": " + reason + near(query, offset));
    this.reason = reason;
    this.column = offset + 1;
  }

  /** The reason without position information. */
  public String reason() {
    return reason;
  }

  /** 1-based column of the problem in the query text. */
  public int column() {
    return column;
  }

  private static String near(String query, int offset) {
    if (query == null || offset >= query.length()) {
      return " (at end of query)";
    }
    int end = Math.min(query.length(), offset + 20);
    return " (near '" + query.substring(offset, end).replace('\n', ' ') + "')";
  }
}
