package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {

  @ParameterizedTest
  @CsvSource({"1s,1", "5m,300", "1h30m,5400", "7d,604800", "2w,1209600", "1w2d3h4m5s,788645",
      "90m,5400", "0h1m,60"})
  void parsesToSeconds(String text, long seconds) {
    assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m", "5 m", "5M", "1.5h", "500ms", "1y", "30m1h", "5m5m",
      "-5m", "P1D"})
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> PromDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration '" + text + "'")
        .hasMessageContaining("e.g. 5m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0h0m", "00m"})
  void rejectsZero(String text) {
    assertThatThrownBy(() -> PromDuration.parse(text))
        .hasMessage("invalid duration '" + text + "': duration must be greater than zero");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999w", "9999999999999999w"})
  void rejectsOverflow(String text) {
    assertThatThrownBy(() -> PromDuration.parse(text)).hasMessageEndingWith("too large");
  }
}
