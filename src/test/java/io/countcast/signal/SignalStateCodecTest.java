package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignalStateCodecTest {

  private static final String TRACKER = "v1 1000 2000\nuid-a c:app=3";

  private static SignalState state(List<WindowSample> samples, OpenWindow open) {
    return new SignalState(300, samples, TRACKER, open);
  }

  @Test
  void encodesOneLinePerWindow() {
    Map<String, String> data = SignalStateCodec.encode(state(
        List.of(new WindowSample(1800000000, 1800000300, 4, 600), new WindowSample(1800000300, 1800000600, 0, 12.3456)),
        new OpenWindow(1800000600, 1, 0.5)));

    assertThat(data).containsExactly(
        Map.entry("format", "countcast-signal/v1"),
        Map.entry("windowSeconds", "300"),
        Map.entry("samples", "1800000000,4,600\n1800000300,0,12.346\n"),
        Map.entry("openWindow", "1800000600,1,0.5"),
        Map.entry("tracker", TRACKER));
  }

  @Test
  void decodesWhatItEncodes() {
    SignalState original = state(
        List.of(new WindowSample(0, 300, 4, 600.25), new WindowSample(900, 1200, 1, 0)),
        new OpenWindow(1200, 2, 33.125));
    assertThat(SignalStateCodec.decode(SignalStateCodec.encode(original), "test")).isEqualTo(original);
  }

  @Test
  void emptyHistoryWithoutOpenWindowRoundTrips() {
    SignalState original = state(List.of(), null);
    Map<String, String> data = SignalStateCodec.encode(original);
    assertThat(data).doesNotContainKey("openWindow").containsEntry("samples", "");
    assertThat(SignalStateCodec.decode(data, "test")).isEqualTo(original);
  }

  @Test
  void aPrometheusSourceIsStoredAndAMissingSourceMeansPodRestarts() {
    SignalState prometheus = new SignalState(300, List.of(new WindowSample(0, 300, 4, 1)), "",
        null, "prometheus:0123456789abcdef");
    Map<String, String> data = SignalStateCodec.encode(prometheus);

    assertThat(data).containsEntry("source", "prometheus:0123456789abcdef");
    assertThat(SignalStateCodec.decode(data, "test")).isEqualTo(prometheus);
    assertThat(SignalStateCodec.encode(state(List.of(), null))).doesNotContainKey("source");
    assertThat(SignalStateCodec.decode(SignalStateCodec.encode(state(List.of(), null)), "test")
        .source()).isEqualTo(SignalState.POD_RESTARTS);
  }

  @Test
  void badDataIsReportedByKeyAndLine() {
    Map<String, String> data = new HashMap<>(SignalStateCodec.encode(state(List.of(), null)));
    data.put("samples", "0,1,2\n300,x,2\n");
    assertThatThrownBy(() -> SignalStateCodec.decode(data, "ConfigMap ns/cf-countcast-history"))
        .hasMessage("ConfigMap ns/cf-countcast-history key 'samples' line 2 count: 'x' is not a non-negative integer");

    data.put("samples", "0,1\n");
    assertThatThrownBy(() -> SignalStateCodec.decode(data, "cm"))
        .hasMessage("cm key 'samples' line 1: expected 'start,count,exposure', got '0,1'");

    data.put("samples", "0,1,NaN\n");
    assertThatThrownBy(() -> SignalStateCodec.decode(data, "cm")).hasMessageContaining("finite and non-negative");

    data.remove("tracker");
    data.put("samples", "");
    assertThatThrownBy(() -> SignalStateCodec.decode(data, "cm")).hasMessage("cm: key 'tracker' is missing");

    assertThatThrownBy(() -> SignalStateCodec.decode(Map.of("format", "v0"), "cm"))
        .hasMessage("cm: key 'format' is 'v0', expected 'countcast-signal/v1'");
  }

  /**
   * The documented budget: MAX_WINDOWS windows with the widest fields plus the tracker state of
   * 5,000 selected two-container pods fit under the encoder's limit.
   */
  @Test
  void fullHistoryOfWideLinesAndFiveThousandPodsFits() {
    List<WindowSample> samples = new ArrayList<>();
    long start = 9_000_000_000L; // 10 digits
    for (int i = 0; i < SampleHistory.MAX_WINDOWS; i++) {
      samples.add(new WindowSample(start + 60L * i, start + 60L * i + 60, 9_999_999, 99_999_999.999));
    }
    RestartDeltaTracker tracker = RestartDeltaTracker.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    List<PodObservation> pods = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      pods.add(new PodObservation(UUID.randomUUID().toString(), "p" + i, Instant.parse("2025-01-01T00:00:00Z"),
          null, "Running", List.of(new ContainerRestarts("app", false, 123),
              new ContainerRestarts("init-config", true, 0))));
    }
    tracker.observe(Instant.parse("2026-01-01T00:00:10Z"), pods);

    Map<String, String> data = SignalStateCodec.encode(
        new SignalState(60, samples, tracker.serialize(), new OpenWindow(start, 9_999_999, 99_999_999.999)));

    int bytes = data.values().stream().mapToInt(String::length).sum();
    assertThat(bytes).isLessThan(SignalStateCodec.MAX_DATA_BYTES);
  }

  @Test
  void stateLargerThanAConfigMapIsRejectedWithAClearMessage() {
    String hugeTracker = "v1 0 -\n" + "x".repeat(SignalStateCodec.MAX_DATA_BYTES);
    assertThatThrownBy(() -> SignalStateCodec.encode(new SignalState(60, List.of(), hugeTracker, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than the 1000000 bytes a ConfigMap can hold");
  }
}
