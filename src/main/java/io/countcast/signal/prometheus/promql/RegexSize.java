package io.countcast.signal.prometheus.promql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound on what compiling a label regex costs, read from its text before any engine
 * sees it. RE2J matches in linear time, but unlike Go's regexp (which Prometheus uses) it does
 * not refuse nested counted repetition: {@code ((a{1000}){1000}){1000}} is a valid RE2J regex
 * whose program needs 10^9 instructions and exhausts the heap. Go refuses any regex whose
 * nested counted repetitions multiply to more than 1000 ("invalid repeat count"), so refusing
 * the same here loses nothing Prometheus would accept.
 *
 * <p>The scan skips escapes and character classes and treats everything else as one atom, so it
 * may overestimate, never underestimate: {@code x{n}} multiplies the atom or group before it by
 * {@code n} ({@code x{n,}} by {@code n}).
 *
 * @param size estimated program size: atoms, each counted repetition multiplying its operand
 * @param nestedRepeat the largest product of nested counted repetitions
 */
record RegexSize(long size, long nestedRepeat) {

  /** Go's limit on nested counted repetition (regexp/syntax, repeatIsValid). */
  static final long MAX_NESTED_REPEAT = 1000;
  /** Program size allowed: far above any real label regex, far below the heap. */
  static final long MAX_SIZE = 100_000;

  /** True when the regex is within both limits. */
  boolean withinLimits() {
    return size <= MAX_SIZE && nestedRepeat <= MAX_NESTED_REPEAT;
  }

  /** The bounds of {@code regex}. */
  static RegexSize of(String regex) {
    Deque<Frame> stack = new ArrayDeque<>();
    Frame frame = new Frame();
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          i = skipEscape(regex, i);
          frame.atom(1, 1);
        }
        case '[' -> {
          i = skipClass(regex, i);
          frame.atom(1, 1);
        }
        case '(' -> {
          stack.push(frame);
          frame = new Frame();
          i++;
        }
        case ')' -> {
          Frame inner = frame;
          frame = stack.isEmpty() ? new Frame() : stack.pop();
          inner.commit();
          frame.atom(inner.size + 1, Math.max(1, inner.nestedRepeat));
          i++;
        }
        case '{' -> {
          int end = regex.indexOf('}', i);
          long count = end < 0 ? -1 : repeatCount(regex.substring(i + 1, end));
          if (count < 0) {
            frame.atom(1, 1); // a literal '{', as in Go
            i++;
          } else {
            frame.repeat(count);
            i = end + 1;
          }
        }
        default -> {
          if (c != '|' && c != '*' && c != '+' && c != '?') {
            frame.atom(1, 1);
          }
          i++;
        }
      }
    }
    while (!stack.isEmpty()) { // unbalanced: the engine will refuse it; bound it anyway
      Frame inner = frame;
      frame = stack.pop();
      inner.commit();
      frame.atom(inner.size + 1, Math.max(1, inner.nestedRepeat));
    }
    frame.commit();
    return new RegexSize(frame.size, Math.max(1, frame.nestedRepeat));
  }

  /** {@code m}, {@code m,} or {@code m,n} → the larger bound (capped); -1 if not a repeat. */
  private static long repeatCount(String body) {
    int comma = body.indexOf(',');
    String min = comma < 0 ? body : body.substring(0, comma);
    String max = comma < 0 ? "" : body.substring(comma + 1);
    if (!digits(min) || (!max.isEmpty() && !digits(max))) {
      return -1;
    }
    long bound = number(max.isEmpty() ? min : max);
    return Math.max(1, bound);
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  /** The number, capped just above the limits so products cannot overflow. */
  private static long number(String text) {
    return text.length() > 7 ? MAX_SIZE + 1 : Math.min(MAX_SIZE + 1, Long.parseLong(text));
  }

  /** Index after the escape at {@code i}; {@code \Q...\E} is one literal run. */
  private static int skipEscape(String regex, int i) {
    if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
      int end = regex.indexOf("\\E", i + 2);
      return end < 0 ? regex.length() : end + 2;
    }
    return Math.min(regex.length(), i + 2);
  }

  /** Index after the character class starting at {@code i}. */
  private static int skipClass(String regex, int i) {
    int j = i + 1;
    if (j < regex.length() && regex.charAt(j) == '^') {
      j++;
    }
    if (j < regex.length() && regex.charAt(j) == ']') {
      j++;
    }
    while (j < regex.length() && regex.charAt(j) != ']') {
      if (regex.charAt(j) == '\\') {
        j += 2;
      } else if (regex.startsWith("[:", j)) {
        int end = regex.indexOf(":]", j + 2);
        j = end < 0 ? j + 1 : end + 2;
      } else {
        j++;
      }
    }
    return Math.min(regex.length(), j + 1);
  }

  /** One group level: what is committed so far and the last atom, which a repeat may scale. */
  private static final class Frame {
    private long size;
    private long nestedRepeat;
    private long atomSize;
    private long atomRepeat;

    void atom(long newSize, long newRepeat) {
      commit();
      atomSize = newSize;
      atomRepeat = newRepeat;
    }

    void repeat(long count) {
      atomSize = Math.min(MAX_SIZE + 1, Math.max(1, atomSize) * count);
      atomRepeat = Math.min(MAX_SIZE + 1, Math.max(1, atomRepeat) * count);
    }

    void commit() {
      size = Math.min(MAX_SIZE + 1, size + atomSize);
      nestedRepeat = Math.max(nestedRepeat, atomRepeat);
      atomSize = 0;
      atomRepeat = 0;
    }
  }
}
