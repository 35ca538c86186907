package io.countcast.signal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link SignalState} as ConfigMap data and back. Pure; no Kubernetes client.
 *
 * <p>Keys: {@code format} ({@value #FORMAT}), {@code windowSeconds}, {@code samples} (one line
 * {@code start,count,exposure} per window, oldest first), {@code openWindow} (same line format,
 * absent before the first observation), {@code tracker} and {@code source} (absent for the
 * pod-restart signal, so older ConfigMaps still decode). Exposure is written with at most
 * three decimals (millisecond pod-seconds), trailing zeros dropped.
 */
public final class SignalStateCodec {

  static final String FORMAT = "countcast-signal/v1";
  /**
   * Largest encoded data we write. A ConfigMap is limited to 1 MiB (1,048,576 bytes) including
   * keys and metadata; ~48 KB are left for those.
   */
  static final int MAX_DATA_BYTES = 1_000_000;

  private SignalStateCodec() {
  }

  /**
   * The ConfigMap data for {@code state}.
   *
   * @throws IllegalStateException if the encoding exceeds {@link #MAX_DATA_BYTES}
   */
  public static Map<String, String> encode(SignalState state) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("format", FORMAT);
    data.put("windowSeconds", Long.toString(state.windowSeconds()));
    StringBuilder lines = new StringBuilder(state.samples().size() * 32);
    for (WindowSample sample : state.samples()) {
      appendLine(lines, sample.startEpochSecond(), sample.count(), sample.exposure()).append('\n');
    }
    data.put("samples", lines.toString());
    OpenWindow open = state.openWindow();
    if (open != null) {
      data.put("openWindow",
          appendLine(new StringBuilder(), open.startEpochSecond(), open.count(), open.exposure()).toString());
    }
    data.put("tracker", state.trackerState());
    if (!SignalState.POD_RESTARTS.equals(state.source())) {
      data.put("source", state.source());
    }
    long bytes = data.entrySet().stream()
        .mapToLong(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length)
        .sum();
    if (bytes > MAX_DATA_BYTES) {
      throw new IllegalStateException("signal state needs " + bytes + " bytes, more than the "
          + MAX_DATA_BYTES + " bytes a ConfigMap can hold; shorten the history or select fewer pods");
    }
    return data;
  }

  private static StringBuilder appendLine(StringBuilder out, long start, long count, double exposure) {
    return out.append(start).append(',').append(count).append(',').append(formatExposure(exposure));
  }

  static String formatExposure(double exposure) {
    return BigDecimal.valueOf(exposure).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /**
   * Decodes ConfigMap data.
   *
   * @param where names the source in error messages, e.g. "ConfigMap ns/name"
   * @throws IllegalArgumentException naming the key and line of the first problem
   */
  public static SignalState decode(Map<String, String> data, String where) {
    String format = data == null ? null : data.get("format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(where + ": key 'format' is '" + format + "', expected '" + FORMAT + "'");
    }
    long windowSeconds = parseLong(required(data, "windowSeconds", where), where + " key 'windowSeconds'");
    List<WindowSample> samples = new ArrayList<>();
    String[] lines = required(data, "samples", where).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        OpenWindow w = parseLine(lines[i], where + " key 'samples' line " + (i + 1));
        samples.add(w.close(windowSeconds));
      }
    }
    String openLine = data.get("openWindow");
    OpenWindow open = openLine == null ? null : parseLine(openLine, where + " key 'openWindow'");
    String source = data.getOrDefault("source", SignalState.POD_RESTARTS);
    return new SignalState(windowSeconds, samples, required(data, "tracker", where), open, source);
  }

  private static String required(Map<String, String> data, String key, String where) {
    String value = data.get(key);
    if (value == null) {
      throw new IllegalArgumentException(where + ": key '" + key + "' is missing");
    }
    return value;
  }

  private static OpenWindow parseLine(String line, String where) {
    String[] fields = line.split(",", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException(where + ": expected 'start,count,exposure', got '" + line + "'");
    }
    double exposure;
    try {
      exposure = Double.parseDouble(fields[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": exposure '" + fields[2] + "' is not a number");
    }
    if (!(exposure >= 0) || Double.isInfinite(exposure)) {
      throw new IllegalArgumentException(where + ": exposure '" + fields[2] + "' must be finite and non-negative");
    }
    return new OpenWindow(parseLong(fields[0], where + " start"), parseLong(fields[1], where + " count"), exposure);
  }

  private static long parseLong(String text, String where) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw new IllegalArgumentException(where + ": '" + text + "' is not a non-negative integer");
  }
}
