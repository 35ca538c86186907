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
  /** Longest window a stored state may have: the spec's limit (one day). */
  static final long MAX_WINDOW_SECONDS = 86_400L;
  /**
   * Largest count one stored window may hold: 10^15, below 2^53 so it survives the double the
   * model reads; a stored 10^18 is corruption, not a count.
   */
  static final long MAX_COUNT = 1_000_000_000_000_000L;
  /** Latest window start a stored state may have: the end of year 9999 (Instant's sane range). */
  static final long MAX_EPOCH_SECOND = 253_402_300_799L;

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
   * Decodes ConfigMap data, which the tenant can edit: with the bounds of the spec (window
   * length, number of windows), counts and exposure finite, non-negative and bounded, windows in
   * order, and the size capped, so a poisoned ConfigMap is refused here, cheaply, and never
   * reaches the model.
   *
   * @param where names the source in error messages, e.g. "ConfigMap ns/name"
   * @throws IllegalArgumentException naming the key and line of the first problem
   */
  public static SignalState decode(Map<String, String> data, String where) {
    checkFormatAndSize(data, FORMAT, where);
    long windowSeconds = parseLong(required(data, "windowSeconds", where), where + " key 'windowSeconds'");
    if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
      throw new IllegalArgumentException(where + " key 'windowSeconds': " + windowSeconds
          + " is outside 1.." + MAX_WINDOW_SECONDS);
    }
    String text = required(data, "samples", where);
    long lineCount = text.chars().filter(c -> c == '\n').count();
    if (lineCount > SampleHistory.MAX_WINDOWS + 1) {
      throw new IllegalArgumentException(where + " key 'samples': " + lineCount
          + " lines, more than the " + SampleHistory.MAX_WINDOWS + " windows a history keeps");
    }
    List<WindowSample> samples = new ArrayList<>();
    String[] lines = text.split("\n");
    long previousStart = -1;
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        String line = where + " key 'samples' line " + (i + 1);
        OpenWindow w = parseLine(lines[i], line);
        if (w.startEpochSecond() <= previousStart) {
          throw new IllegalArgumentException(line + ": start " + w.startEpochSecond()
              + " is not after the previous window's " + previousStart);
        }
        previousStart = w.startEpochSecond();
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
      throw new IllegalArgumentException(where + ": expected 'start,count,exposure', got '"
          + abbreviate(line) + "'");
    }
    double exposure;
    try {
      exposure = Double.parseDouble(fields[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": exposure '" + abbreviate(fields[2])
          + "' is not a number");
    }
    if (!(exposure >= 0) || Double.isInfinite(exposure)) {
      throw new IllegalArgumentException(where + ": exposure '" + fields[2] + "' must be finite and non-negative");
    }
    long start = parseLong(fields[0], where + " start");
    if (start > MAX_EPOCH_SECOND) {
      throw new IllegalArgumentException(where + ": start " + start + " is after year 9999");
    }
    long count = parseLong(fields[1], where + " count");
    if (count > MAX_COUNT) {
      throw new IllegalArgumentException(where + ": count " + count + " is more than "
          + MAX_COUNT);
    }
    return new OpenWindow(start, count, exposure);
  }

  /**
   * Refuses {@code data} unless its key 'format' is {@code format} and it is no larger than
   * {@link #MAX_DATA_BYTES}: checked first, so nothing larger than Countcast writes is parsed.
   */
  static void checkFormatAndSize(Map<String, String> data, String format, String where) {
    String found = data == null ? null : data.get("format");
    if (!format.equals(found)) {
      throw new IllegalArgumentException(where + ": key 'format' is '" + abbreviate(found)
          + "', expected '" + format + "'");
    }
    long bytes = data.entrySet().stream().mapToLong(e -> e.getKey().length()
        + (e.getValue() == null ? 0 : e.getValue().length())).sum();
    if (bytes > MAX_DATA_BYTES) {
      throw new IllegalArgumentException(where + ": " + bytes + " characters of data, more than "
          + "the " + MAX_DATA_BYTES + " Countcast ever writes");
    }
  }

  /** At most 40 characters of a value that may be anything, for a message. */
  static String abbreviate(String text) {
    return text == null || text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** {@code text} as a non-negative long, or an error naming {@code where}. */
  static long parseLong(String text, String where) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw new IllegalArgumentException(where + ": '" + abbreviate(text)
        + "' is not a non-negative integer");
  }
}
