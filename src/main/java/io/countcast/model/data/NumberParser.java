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

  /** 10^0 .. 10^22, every one exactly a double. */
  private static final double[] EXACT_POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  private static final long EXACT_MANTISSA_LIMIT = 1L << 53;

  /**
   * The value of a cell written as a plain decimal ({@code [+-]digits[.digits][e[+-]digits]},
   * no blanks) whose digits, without the point, make an integer m below 2^53 and whose scale
   * 10^k has |k| &le; 22; NaN for any other cell, which the caller then checks with
   * {@link #isMissing}, {@link #isNumber} and {@link #parse}. Most numbers in a CSV file are
   * such decimals, and this reads them in one pass. The value is m·10^k or m/10^-k: both
   * operands are exact doubles, so the one rounding of that operation gives the correctly
   * rounded value, the same double as {@link #parse} (Clinger's fast path, which
   * fastdoubleparser takes for these cells too).
   */
  static double plainDecimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    for (; i < to && isDigit(b[i]); i++, digits++) {
      mantissa = mantissa * 10 + (b[i] - '0');
      if (mantissa >= EXACT_MANTISSA_LIMIT) {
        return Double.NaN;
      }
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++, digits++, scale--) {
        mantissa = mantissa * 10 + (b[i] - '0');
        if (mantissa >= EXACT_MANTISSA_LIMIT) {
          return Double.NaN;
        }
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean negativeExponent = i < to && b[i] == '-';
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        i++;
      }
      int exponent = 0;
      int exponentDigits = 0;
      for (; i < to && isDigit(b[i]) && exponentDigits < 4; i++, exponentDigits++) {
        exponent = exponent * 10 + (b[i] - '0');
      }
      if (exponentDigits == 0) {
        return Double.NaN;
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (i != to || scale < -22 || scale > 22) {
      return Double.NaN;
    }
    double value = scale >= 0
        ? mantissa * EXACT_POWERS_OF_TEN[scale]
        : mantissa / EXACT_POWERS_OF_TEN[-scale];
    return negative ? -value : value;
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
