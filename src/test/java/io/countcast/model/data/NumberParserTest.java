package io.countcast.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NumberParserTest {

  private static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return NumberParser.parse(b, 0, b.length);
  }

  @Property
  void agreesBitForBitWithTheJdk(@ForAll double value) {
    String text = Double.toString(value);
    if (Double.isFinite(value)) {
      assertThat(Double.doubleToLongBits(parse(text))).isEqualTo(Double.doubleToLongBits(value));
    }
  }

  @Property
  void agreesWithTheJdkOnShortDecimals(@ForAll int mantissa, @ForAll byte scale) {
    String text = mantissa + "e" + (scale % 40);
    assertThat(parse(text)).isEqualTo(Double.parseDouble(text));
  }

  @Test
  void acceptsRStyleSpellings() {
    assertThat(parse(" 12 ")).isEqualTo(12.0);
    assertThat(parse(".5")).isEqualTo(0.5);
    assertThat(parse("1.")).isEqualTo(1.0);
    assertThat(parse("0.000123")).isEqualTo(0.000123);
    assertThat(parse("12345678901234567890123")).isEqualTo(12345678901234567890123.0);
    assertThat(parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(parse("NaN")).isNaN();
  }

  @Test
  void rejectsNonNumbers() {
    for (String bad : new String[] {"abc", "1e", "1.2.3", "--1", ".", "1,5", "e5", "0x10"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
    }
  }
}
