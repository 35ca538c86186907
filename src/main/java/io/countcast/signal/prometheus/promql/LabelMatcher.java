package io.countcast.signal.prometheus.promql;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a vector selector.
 *
 * @param name label name
 * @param op one of {@code =}, {@code !=}, {@code =~}, {@code !~}
 * @param value decoded matcher value (a regular expression for the regex operators)
 * @param offset 0-based offset of the matcher in the query text, -1 for an added matcher
 */
public record LabelMatcher(String name, String op, String value, int offset) {

  /** An equality matcher {@code name="value"}. */
  public static LabelMatcher equal(String name, String value) {
    return new LabelMatcher(name, "=", value, -1);
  }

  /** True for {@code name="value"} exactly. */
  public boolean isEqualTo(String expectedName, String expectedValue) {
    return name.equals(expectedName) && op.equals("=") && value.equals(expectedValue);
  }

  /**
   * True if the matcher accepts a missing label (the empty string). Prometheus refuses selectors
   * made only of such matchers. Regexes are checked with Java's engine, which agrees with RE2 on
   * the common syntax; a regex Java cannot compile counts as non-empty and is left for Prometheus
   * to judge.
   */
  boolean matchesEmpty() {
    return switch (op) {
      case "=" -> value.isEmpty();
      case "!=" -> !value.isEmpty();
      case "=~" -> regexMatchesEmpty();
      default -> !regexMatchesEmpty();
    };
  }

  private boolean regexMatchesEmpty() {
    try {
      return Pattern.compile("^(?:" + value + ")$").matcher("").matches();
    } catch (PatternSyntaxException e) {
      return op.equals("!~");
    }
  }

  void print(StringBuilder out) {
    out.append(name).append(op).append(PromqlStrings.quote(value));
  }
}
