package io.countcast.model.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Reads numbers straight from CSV bytes without creating a String. {@link #isNumber} decides,
 * without throwing, whether a cell is a number as R's {@code read.csv} spells one (a decimal with
 * an optional sign and exponent, or {@code NaN}, {@code Inf}, {@code Infinity} in any case);
 * {@link #parse} converts it, exactly rounded, with fastdoubleparser.
 */
final class NumberParser {

  private NumberParser() {
  }

  /** Whether the bytes (ignoring surrounding blanks) are empty or R's missing marker {@code NA}. */
  static boolean isMissing(byte[] b, int from, int to) {
    from = skipBlanks(b, from, to);
    to = trimBlanks(b, from, to);
    return from == to || (to - from == 2 && b[from] == 'N' && b[from + 1] == 'A');
  }

  /**
   * Whether {@code b[from, to)} (ignoring surrounding blanks) is a number: {@code [+-]} then
   * {@code digits[.[digits]]} or {@code .digits}, then optionally {@code e[+-]digits}; or a
   * signed {@code NaN}, {@code Inf} or {@code Infinity}. Hexadecimal and Java's {@code d}/{@code f}
   * suffixes are not numbers here, as they are not in R.
   */
  static boolean isNumber(byte[] b, int from, int to) {
    from = skipBlanks(b, from, to);
    to = trimBlanks(b, from, to);
    int i = from;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    if (i < to && !isDigit(b[i]) && b[i] != '.') {
      return special(b, i, to) != 0;
    }
    int digits = 0;
    for (; i < to && isDigit(b[i]); i++) {
      digits++;
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++) {
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        i++;
      }
      int exponentDigits = 0;
      for (; i < to && isDigit(b[i]); i++) {
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == to;
  }

  /**
   * The value of {@code b[from, to)}, a cell {@link #isNumber} accepted (validating once is the
   * caller's job, so that each cell is scanned only twice).
   *
   * @throws NumberFormatException for some, not all, cells that are not numbers
   */
  static double parse(byte[] b, int from, int to) {
    from = skipBlanks(b, from, to);
    to = trimBlanks(b, from, to);
    int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    if (i < to && !isDigit(b[i]) && b[i] != '.') {
      int special = special(b, i, to);
      if (special == 0) {
        throw new NumberFormatException("not a number");
      }
      double value = special == 1 ? Double.NaN : Double.POSITIVE_INFINITY;
      return b[from] == '-' ? -value : value;
    }
    return JavaDoubleParser.parseDouble(b, from, to - from);
  }

  /** 1 for NaN, 2 for Inf or Infinity (any case), 0 for anything else. */
  private static int special(byte[] b, int from, int to) {
    if (matches(b, from, to, "nan")) {
      return 1;
    }
    return matches(b, from, to, "inf") || matches(b, from, to, "infinity") ? 2 : 0;
  }

  private static boolean matches(byte[] b, int from, int to, String lowerCaseWord) {
    if (to - from != lowerCaseWord.length()) {
      return false;
    }
    for (int k = 0; k < lowerCaseWord.length(); k++) {
      if ((b[from + k] | 0x20) != lowerCaseWord.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int skipBlanks(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimBlanks(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
      to--;
    }
    return to;
  }
}
