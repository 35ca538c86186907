package io.countcast.model.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number straight from file bytes without creating a String. Uses Clinger's fast
 * path (≤ 15 significant digits and a power of ten ≤ 22, where one IEEE multiply or divide is
 * exactly rounded), then {@link EiselLemire} for up to 19 digits, and falls back to
 * {@link Double#parseDouble} for everything else, so results are always identical to the JDK's.
 */
final class NumberParser {

  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  private static final int MAX_FAST_DIGITS = 15;

  private NumberParser() {
  }

  /** Whether the bytes (ignoring surrounding blanks) are empty or R's missing marker {@code NA}. */
  static boolean isMissing(byte[] b, int from, int to) {
    from = skipBlanks(b, from, to);
    to = trimBlanks(b, from, to);
    return from == to || (to - from == 2 && b[from] == 'N' && b[from + 1] == 'A');
  }

  /**
   * The number in {@code b[from, to)}; accepts surrounding blanks, a sign, {@code NaN},
   * {@code Inf} and {@code Infinity} (any case, as R writes them).
   *
   * @throws NumberFormatException if the bytes are not a number (thrown at most once per column)
   */
  static double parse(byte[] b, int from, int to) {
    from = skipBlanks(b, from, to);
    to = trimBlanks(b, from, to);
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i < to && !isDigit(b[i]) && b[i] != '.') {
      double special = parseSpecial(b, i, to);
      return negative ? -special : special;
    }
    long mantissa = 0;
    int significant = 0;
    int exponent = 0;
    boolean anyDigit = false;
    for (; i < to && isDigit(b[i]); i++) {
      anyDigit = true;
      if (mantissa != 0 || b[i] != '0') {
        if (significant < 19) {
          mantissa = mantissa * 10 + (b[i] - '0');
        } else {
          exponent++;
        }
        significant++;
      }
    }
    if (i < to && b[i] == '.') {
      for (i++; i < to && isDigit(b[i]); i++) {
        anyDigit = true;
        if (mantissa != 0 || b[i] != '0') {
          if (significant < 19) {
            mantissa = mantissa * 10 + (b[i] - '0');
            exponent--;
          }
          significant++;
        } else {
          exponent--;
        }
      }
    }
    if (!anyDigit) {
      throw new NumberFormatException();
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        negativeExponent = b[i] == '-';
        i++;
      }
      if (i == to) {
        throw new NumberFormatException();
      }
      int e = 0;
      for (; i < to && isDigit(b[i]); i++) {
        e = Math.min(e * 10 + (b[i] - '0'), 100_000);
      }
      exponent += negativeExponent ? -e : e;
    }
    if (i != to) {
      throw new NumberFormatException();
    }
    if (mantissa == 0) {
      return negative ? -0.0 : 0.0;
    }
    if (significant <= MAX_FAST_DIGITS && Math.abs(exponent) <= 22) {
      double value = exponent >= 0
          ? mantissa * POWERS_OF_TEN[exponent]
          : mantissa / POWERS_OF_TEN[-exponent];
      return negative ? -value : value;
    }
    if (significant <= 19) {
      double value = EiselLemire.toDouble(mantissa, exponent, negative);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
  }

  private static double parseSpecial(byte[] b, int from, int to) {
    String word = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    if (word.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    throw new NumberFormatException();
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
