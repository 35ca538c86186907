package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The history ConfigMap is tenant-editable: every poisoned form is refused, naming where. */
class HistoryBoundsTest {

  private static Map<String, String> data(String windowSeconds, String samples) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("format", "countcast-signal/v1");
    data.put("windowSeconds", windowSeconds);
    data.put("samples", samples);
    data.put("tracker", "v1 1000 2000");
    return data;
  }

  static Stream<Arguments> poisoned() {
    return Stream.of(
        Arguments.of("garbage", data("300", "not,a,line\n"),
            "cm key 'samples' line 1: exposure 'line' is not a number"),
        Arguments.of("garbage start", data("300", "x,1,1\n"),
            "cm key 'samples' line 1 start: 'x' is not a non-negative integer"),
        Arguments.of("10^18 count", data("300", "1800000000,1000000000000000000,1\n"),
            "cm key 'samples' line 1: count 1000000000000000000 is more than 1000000000000000"),
        Arguments.of("NaN exposure", data("300", "1800000000,1,NaN\n"),
            "cm key 'samples' line 1: exposure 'NaN' must be finite and non-negative"),
        Arguments.of("infinite exposure", data("300", "1800000000,1,Infinity\n"),
            "cm key 'samples' line 1: exposure 'Infinity' must be finite and non-negative"),
        Arguments.of("negative exposure", data("300", "1800000000,1,-1\n"),
            "cm key 'samples' line 1: exposure '-1' must be finite and non-negative"),
        Arguments.of("negative count", data("300", "1800000000,-4,1\n"),
            "cm key 'samples' line 1 count: '-4' is not a non-negative integer"),
        Arguments.of("windows out of order", data("300", "1800000300,1,1\n1800000000,1,1\n"),
            "cm key 'samples' line 2: start 1800000000 is not after the previous window's "
                + "1800000300"),
        Arguments.of("start beyond Instant", data("300", "9223372036854775807,1,1\n"),
            "cm key 'samples' line 1: start 9223372036854775807 is after year 9999"),
        Arguments.of("zero window", data("0", ""),
            "cm key 'windowSeconds': 0 is outside 1..86400"),
        Arguments.of("huge window", data("9223372036854775807", ""),
            "cm key 'windowSeconds': 9223372036854775807 is outside 1..86400"),
        Arguments.of("too many windows", data("1", "1,0,0\n".repeat(16_386)),
            "cm key 'samples': 16386 lines, more than the 16384 windows a history keeps"),
        Arguments.of("1 MB", data("300", "x".repeat(1_000_001)),
            "cm: 1000068 characters of data, more than the 1000000 Countcast ever writes"),
        Arguments.of("wrong format", Map.of("format", "y".repeat(100)),
            "cm: key 'format' is '" + "y".repeat(40) + "…', expected 'countcast-signal/v1'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poisoned")
  void aPoisonedHistoryIsRefusedNamingKeyAndLine(String what, Map<String, String> data,
      String message) {
    assertThatThrownBy(() -> SignalStateCodec.decode(data, "cm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void theLargestLegalHistoryDecodes() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < SampleHistory.MAX_WINDOWS; i++) {
      lines.append(1_800_000_000L + 300L * i).append(',')
          .append(SignalStateCodec.MAX_COUNT).append(",1e12\n");
    }
    SignalState state = SignalStateCodec.decode(data("300", lines.toString()), "cm");
    assertThat(state.samples()).hasSize(SampleHistory.MAX_WINDOWS);
  }

  @Test
  void theBoundsAreTheSpecsBounds() {
    assertThat(SignalStateCodec.MAX_WINDOW_SECONDS)
        .isEqualTo(io.countcast.api.SpecLimits.MAX_WINDOW_SECONDS);
    assertThat(SampleHistory.MAX_WINDOWS)
        .isEqualTo(io.countcast.api.SpecLimits.MAX_HISTORY_WINDOWS);
  }
}
