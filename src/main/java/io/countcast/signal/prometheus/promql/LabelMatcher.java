package io.countcast.signal.prometheus.promql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

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
   * made only of such matchers. Regexes are checked with RE2J, the JVM port of the RE2 engine
   * Prometheus uses (same syntax, linear time, so no regex can make this check backtrack), and
   * fully anchored as Prometheus anchors them; the parser has refused regexes too large to
   * compile ({@link RegexSize}) before this runs. A regex RE2J cannot compile counts as
   * non-empty and is left for Prometheus to judge.
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
      return Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL).matcher("").matches();
    } catch (PatternSyntaxException e) {
      return op.equals("!~");
    }
  }

  void print(StringBuilder out) {
    out.append(name).append(op).append(PromqlStrings.quote(value));
  }
}
