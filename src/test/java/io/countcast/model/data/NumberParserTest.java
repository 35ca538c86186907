package io.countcast.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberParserTest {

  /** What CsvTable does with a cell: validate, then convert. */
  private static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    if (!NumberParser.isNumber(b, 0, b.length)) {
      throw new NumberFormatException(s);
    }
    return NumberParser.parse(b, 0, b.length);
  }

  @Test
  void agreesBitForBitWithTheJdk() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        String text = Double.toString(value);
        assertThat(Double.doubleToLongBits(parse(text))).as(text)
            .isEqualTo(Double.doubleToLongBits(value));
      }
    }
  }

  @Test
  void agreesWithTheJdkOnShortDecimals() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      String text = random.nextInt() + "e" + (random.nextInt(256) - 128) % 40;
      assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }
  }

  /**
   * Long decimals (up to 19 digits) must agree bit for bit with the JDK across the whole exponent
   * range, including halfway cases and the subnormal and overflow edges.
   */
  @Test
  void agreesWithTheJdkOnAMillionLongDecimals() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(2026);
    for (int i = 0; i < 1_000_000; i++) {
      int digits = 1 + random.nextInt(19);
      long mantissa = random.nextLong(1, Long.MAX_VALUE) % (long) Math.pow(10, Math.min(digits, 18));
      String m = digits == 19 ? Long.toUnsignedString(random.nextLong() >>> 1 | 1L << 62)
          : Long.toString(mantissa);
      int exponent = i % 10 == 0 ? random.nextInt(-345, 310) : random.nextInt(-30, 30);
      String text = (random.nextBoolean() ? "-" : "") + m + "e" + exponent;
      double expected = Double.parseDouble(text);
      assertThat(Double.doubleToLongBits(parse(text))).as(text)
          .isEqualTo(Double.doubleToLongBits(expected));
    }
  }

  @Test
  void halfwayAndEdgeCasesMatchTheJdk() {
    for (String text : new String[] {"9007199254740993", "9007199254740995", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308", "1.7976931348623159e308",
        "18446744073709551615", "9999999999999999999", "0.1", "0.30000000000000004",
        "123456789012345678", "1e23", "8.41e21", "5e-324"}) {
      assertThat(Double.doubleToLongBits(parse(text))).as(text)
          .isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void acceptsRStyleSpellings() {
    assertThat(parse(" 12 ")).isEqualTo(12.0);
    assertThat(parse(".5")).isEqualTo(0.5);
    assertThat(parse("1.")).isEqualTo(1.0);
    assertThat(parse("0.000123")).isEqualTo(0.000123);
    assertThat(parse("12345678901234567890123")).isEqualTo(12345678901234567890123.0);
    assertThat(parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(parse("+infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(parse("NaN")).isNaN();
    assertThat(parse("nan")).isNaN();
    assertThat(parse("-0")).isEqualTo(-0.0);
    assertThat(parse("1E+3")).isEqualTo(1000.0);
  }

  @Test
  void rejectsNonNumbers() {
    for (String bad : new String[] {"abc", "1e", "1.2.3", "--1", ".", "1,5", "e5", "0x10",
        "1.5d", "2f", "0x1p3", "Infinityx", "in", "+", "-", "1e+", "1 2", ""}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
    }
  }
}
