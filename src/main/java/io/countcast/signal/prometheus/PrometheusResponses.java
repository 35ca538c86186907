package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON envelope of the Prometheus HTTP API ({@code status}, {@code data},
 * {@code errorType}, {@code error}) and its matrix and vector results.
 */
final class PrometheusResponses {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Our classification of an answer that is not the Prometheus API envelope. */
  static final String NOT_PROMETHEUS = "not a Prometheus response";
  /** The {@code errorType}s of the Prometheus HTTP API (web/api/v1). */
  private static final Set<String> ERROR_TYPES = Set.of("timeout", "canceled", "execution",
      "bad_data", "internal", "unavailable", "not_found", "not_acceptable");
  private static final Set<String> RESULT_TYPES = Set.of("matrix", "vector", "scalar", "string");
  /** Characters of a body kept for the log. */
  private static final int LOGGED_CHARS = 300;

  private PrometheusResponses() {
  }

  /**
   * The {@code data} node of a successful answer.
   *
   * <p>The exception messages name the HTTP status and our classification only; Prometheus'
   * {@code errorType} is named when it is one of the types Prometheus defines, its
   * {@code error} text and any other body go to {@link PrometheusException#detail()}.
   *
   * @throws PrometheusException for {@code "status":"error"} or a body that is not the envelope
   */
  static JsonNode data(String body, int httpStatus, String what) {
    if (httpStatus == 401 || httpStatus == 403) {
      throw new PrometheusException(Kind.UNAUTHORIZED, what + ": HTTP " + httpStatus
          + " (check the bearer token or basic auth credentials)", errorSummary(body));
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    boolean success = root != null && "success".equals(root.path("status").asText());
    if (root == null || !root.isObject() || !root.has("status")
        || (success && (httpStatus < 200 || httpStatus > 299))) {
      throw new PrometheusException(Kind.BAD_RESPONSE, what + ": HTTP " + httpStatus
          + ": " + NOT_PROMETHEUS, abbreviate(body));
    }
    if (!success) {
      throw new PrometheusException(Kind.QUERY_FAILED, what + " failed: HTTP " + httpStatus
          + ", " + errorType(root) + " (Prometheus' message is in the operator log)",
          errorSummary(body));
    }
    return root.path("data");
  }

  /** The classification of a failed answer: "HTTP 502", plus Prometheus' errorType if known. */
  static String statusLine(int httpStatus, String body) {
    JsonNode root = null;
    try {
      root = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      // Not JSON: a proxy's page, say.
    }
    return "HTTP " + httpStatus + (root != null && root.isObject() && root.has("errorType")
        ? ", " + errorType(root) : ", " + NOT_PROMETHEUS);
  }

  /** {@code errorType} if Prometheus defines it, else a fixed word: never the server's text. */
  private static String errorType(JsonNode root) {
    String type = root.path("errorType").asText("");
    return ERROR_TYPES.contains(type) ? type : "an unknown error type";
  }

  /** The series of a matrix result; non-finite values are skipped. */
  static List<RangeSeries> matrix(JsonNode data, String what) {
    requireType(data, "matrix", what);
    List<RangeSeries> series = new ArrayList<>();
    for (JsonNode s : data.path("result")) {
      JsonNode values = s.path("values");
      long[] times = new long[values.size()];
      double[] vals = new double[values.size()];
      int n = 0;
      for (JsonNode point : values) {
        double v = parseValue(point.path(1).asText(), what);
        if (Double.isFinite(v)) {
          // Timestamps are epoch seconds, possibly fractional; steps here are whole seconds.
          times[n] = Math.round(point.path(0).asDouble());
          vals[n] = v;
          n++;
        }
      }
      series.add(new RangeSeries(labels(s), java.util.Arrays.copyOf(times, n),
          java.util.Arrays.copyOf(vals, n)));
    }
    return series;
  }

  /**
   * The samples of an instant query: a vector, a scalar (one sample without labels), or a
   * matrix (when the query is a range selector or subquery; one sample per series, its latest
   * finite value, NaN if none).
   */
  static List<InstantSample> instant(JsonNode data, String what) {
    String type = data.path("resultType").asText();
    if (type.equals("scalar")) {
      return List.of(new InstantSample(Map.of(),
          parseValue(data.path("result").path(1).asText(), what)));
    }
    if (type.equals("matrix")) {
      return matrix(data, what).stream().map(s -> new InstantSample(s.labels(),
          s.size() == 0 ? Double.NaN : s.values()[s.size() - 1])).toList();
    }
    requireType(data, "vector", what);
    List<InstantSample> samples = new ArrayList<>();
    for (JsonNode s : data.path("result")) {
      samples.add(new InstantSample(labels(s), parseValue(s.path("value").path(1).asText(),
          what)));
    }
    return samples;
  }

  private static void requireType(JsonNode data, String expected, String what) {
    String type = data.path("resultType").asText();
    if (!type.equals(expected)) {
      throw new PrometheusException(Kind.BAD_RESPONSE, what + ": expected a " + expected
          + " result, got " + (RESULT_TYPES.contains(type) ? "a " + type : "an unknown type"));
    }
  }

  private static Map<String, String> labels(JsonNode series) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : series.path("metric").properties()) {
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  /** Prometheus writes values as strings, including "NaN", "+Inf" and "-Inf". */
  private static double parseValue(String text, String what) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new PrometheusException(Kind.BAD_RESPONSE,
              what + ": a sample value is not a number", abbreviate(text));
        }
    }
  }

  /**
   * For the log: Prometheus' {@code errorType: error} if the body is its error envelope, else
   * the start of the body.
   */
  static String errorSummary(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.has("error")) {
        return abbreviate(root.path("errorType").asText("error") + ": "
            + root.path("error").asText());
      }
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): fall through to the raw text.
    }
    return abbreviate(body);
  }

  /** The first {@value #LOGGED_CHARS} characters of {@code text} on one line. */
  static String abbreviate(String text) {
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < LOGGED_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.length() >= LOGGED_CHARS ? out + "..." : out.toString();
  }
}
