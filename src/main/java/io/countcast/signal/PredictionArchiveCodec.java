package io.countcast.signal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link PredictionArchive} as ConfigMap data and back. Pure; no Kubernetes client.
 *
 * <p>Keys: {@code format} ({@value #FORMAT}); {@code model} {@code version,from,to,at} (epoch
 * seconds; absent before the first training); {@code pending}, one line per forecast window
 * not yet closed, and {@code windows}, one line per closed window, oldest first:
 * <pre>
 * pending: start,expected,lower,upper,version,zeroProbability,mean,size
 * windows: start,end,observed,exposure,expected,lower,upper,version,zeroProbability,mean,size
 * </pre>
 * The distribution's parameters are kept to 8 significant digits, the expected count to 2
 * decimals, the exposure to 3. The tenant can edit the ConfigMap, so decoding checks every
 * field as {@link SignalStateCodec} does and names the key and line of the first problem.
 */
public final class PredictionArchiveCodec {

  static final String FORMAT = "countcast-predictions/v1";
  private static final MathContext DIGITS = new MathContext(8, RoundingMode.HALF_EVEN);
  private static final int PENDING_FIELDS = 8;
  private static final int WINDOW_FIELDS = 11;
  /** Largest model version a stored archive may hold (a retraining a second for 30,000 years). */
  static final long MAX_VERSION = 1_000_000_000_000L;
  /**
   * Smallest NB size a stored forecast may have. The engine's sizes are far above it; a
   * vanishing size would make every CDF evaluation of a poisoned archive slow.
   */
  static final double MIN_SIZE = 1e-6;
  /** Most pending forecasts: the spec's longest horizon is far below this. */
  static final int MAX_PENDING = 10_000;

  private PredictionArchiveCodec() {
  }

  /**
   * The ConfigMap data for {@code archive}.
   *
   * @throws IllegalStateException if it exceeds {@link SignalStateCodec#MAX_DATA_BYTES}
   */
  public static Map<String, String> encode(PredictionArchive archive) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("format", FORMAT);
    ModelVersion model = archive.model();
    if (model != null) {
      data.put("model", model.version() + "," + model.trainedFromEpochSecond() + ","
          + model.trainedToEpochSecond() + "," + model.trainedAtEpochSecond());
    }
    StringBuilder pending = new StringBuilder();
    for (WindowPrediction p : archive.pending()) {
      pending.append(p.startEpochSecond()).append(',');
      appendForecast(pending, p).append('\n');
    }
    data.put("pending", pending.toString());
    StringBuilder windows = new StringBuilder(archive.closed().size() * 96);
    for (ArchivedWindow w : archive.closed()) {
      windows.append(w.startEpochSecond()).append(',').append(w.endEpochSecond()).append(',')
          .append(w.observed()).append(',')
          .append(SignalStateCodec.formatExposure(w.exposure())).append(',');
      appendForecast(windows, w.prediction()).append('\n');
    }
    data.put("windows", windows.toString());
    long bytes = data.entrySet().stream()
        .mapToLong(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length)
        .sum();
    if (bytes > SignalStateCodec.MAX_DATA_BYTES) {
      throw new IllegalStateException("prediction archive needs " + bytes + " bytes, more than "
          + "the " + SignalStateCodec.MAX_DATA_BYTES + " bytes a ConfigMap can hold");
    }
    return data;
  }

  private static StringBuilder appendForecast(StringBuilder out, WindowPrediction p) {
    return out.append(decimal(BigDecimal.valueOf(p.expected()).setScale(2, RoundingMode.HALF_UP)))
        .append(',').append(p.lower()).append(',').append(p.upper()).append(',')
        .append(p.version()).append(',').append(significant(p.zeroProbability())).append(',')
        .append(significant(p.mean())).append(',').append(significant(p.size()));
  }

  /** 8 significant digits; scientific notation where plain would be long (a tiny mean). */
  private static String significant(double value) {
    return value == 0 ? "0" : new BigDecimal(value).round(DIGITS).stripTrailingZeros().toString();
  }

  private static String decimal(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /**
   * Decodes ConfigMap data into an archive of at most {@code capacity} closed windows.
   *
   * @param where names the source in error messages, e.g. "ConfigMap ns/name"
   * @throws IllegalArgumentException naming the key and line of the first problem
   */
  public static PredictionArchive decode(Map<String, String> data, int capacity, String where) {
    SignalStateCodec.checkFormatAndSize(data, FORMAT, where);
    ModelVersion model = null;
    String modelLine = data.get("model");
    if (modelLine != null) {
      String[] f = fields(modelLine, 4, where + " key 'model'", "version,from,to,at");
      try {
        model = new ModelVersion(version(f[0], where + " key 'model' version"),
            epochSecond(f[1], where + " key 'model' from"),
            epochSecond(f[2], where + " key 'model' to"),
            epochSecond(f[3], where + " key 'model' at"));
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(where) ? e
            : new IllegalArgumentException(where + " key 'model': " + e.getMessage());
      }
    }
    List<WindowPrediction> pending = new ArrayList<>();
    List<String> pendingLines = lines(data, "pending", MAX_PENDING, where);
    long previous = -1;
    for (int i = 0; i < pendingLines.size(); i++) {
      String line = pendingLines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String at = where + " key 'pending' line " + (i + 1);
      String[] f = fields(line, PENDING_FIELDS, at,
          "start,expected,lower,upper,version,zeroProbability,mean,size");
      WindowPrediction p = prediction(epochSecond(f[0], at + " start"), f, 1, at);
      previous = ordered(p.startEpochSecond(), previous, at);
      pending.add(p);
    }
    List<ArchivedWindow> closed = new ArrayList<>();
    List<String> windowLines = lines(data, "windows", MAX_WINDOWS_LINES, where);
    previous = -1;
    for (int i = 0; i < windowLines.size(); i++) {
      String line = windowLines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String at = where + " key 'windows' line " + (i + 1);
      String[] f = fields(line, WINDOW_FIELDS, at, "start,end,observed,exposure,expected,lower,"
          + "upper,version,zeroProbability,mean,size");
      long start = epochSecond(f[0], at + " start");
      previous = ordered(start, previous, at);
      try {
        closed.add(new ArchivedWindow(prediction(start, f, 4, at),
            epochSecond(f[1], at + " end"), count(f[2], at + " observed"),
            number(f[3], at + " exposure")));
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(where) ? e
            : new IllegalArgumentException(at + ": " + e.getMessage());
      }
    }
    return PredictionArchive.of(capacity, model, pending, closed);
  }

  /** Lines the key {@code windows} may have: the archive's bound, plus a trailing empty line. */
  private static final int MAX_WINDOWS_LINES = PredictionArchive.MAX_WINDOWS + 1;

  private static List<String> lines(Map<String, String> data, String key, int max, String where) {
    String text = data.getOrDefault(key, "");
    long count = text.chars().filter(c -> c == '\n').count();
    if (count > max) {
      throw new IllegalArgumentException(where + " key '" + key + "': " + count
          + " lines, more than the " + max + " Countcast ever writes");
    }
    return List.of(text.split("\n", -1));
  }

  private static long ordered(long start, long previous, String at) {
    if (start <= previous) {
      throw new IllegalArgumentException(at + ": start " + start
          + " is not after the previous line's " + previous);
    }
    return start;
  }

  private static WindowPrediction prediction(long start, String[] f, int from, String at) {
    double expected = number(f[from], at + " expected");
    long lower = count(f[from + 1], at + " lower");
    long upper = count(f[from + 2], at + " upper");
    long version = version(f[from + 3], at + " version");
    double pi = number(f[from + 4], at + " zeroProbability");
    double mean = number(f[from + 5], at + " mean");
    if (mean > SignalStateCodec.MAX_COUNT) {
      throw new IllegalArgumentException(at + " mean: " + f[from + 5] + " is more than "
          + SignalStateCodec.MAX_COUNT);
    }
    double size = number(f[from + 6], at + " size");
    if (size != 0 && size < MIN_SIZE) {
      throw new IllegalArgumentException(at + " size: " + f[from + 6] + " is below " + MIN_SIZE
          + " (0 stands for Poisson)");
    }
    try {
      return new WindowPrediction(start, expected, lower, upper, version, pi, mean, size);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
  }

  private static String[] fields(String line, int n, String at, String expected) {
    String[] f = line.split(",", -1);
    if (f.length != n) {
      throw new IllegalArgumentException(at + ": expected '" + expected + "', got '"
          + SignalStateCodec.abbreviate(line) + "'");
    }
    return f;
  }

  private static double number(String text, String at) {
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && !Double.isInfinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // one message below
    }
    throw new IllegalArgumentException(at + ": '" + SignalStateCodec.abbreviate(text)
        + "' is not a finite non-negative number");
  }

  private static long count(String text, String at) {
    long value = SignalStateCodec.parseLong(text, at);
    if (value > SignalStateCodec.MAX_COUNT) {
      throw new IllegalArgumentException(at + ": " + value + " is more than "
          + SignalStateCodec.MAX_COUNT);
    }
    return value;
  }

  private static long version(String text, String at) {
    long value = SignalStateCodec.parseLong(text, at);
    if (value > MAX_VERSION) {
      throw new IllegalArgumentException(at + ": " + value + " is more than " + MAX_VERSION);
    }
    return value;
  }

  private static long epochSecond(String text, String at) {
    long value = SignalStateCodec.parseLong(text, at);
    if (value > SignalStateCodec.MAX_EPOCH_SECOND) {
      throw new IllegalArgumentException(at + ": " + value + " is after year 9999");
    }
    return value;
  }
}
