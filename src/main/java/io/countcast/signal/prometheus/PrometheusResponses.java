package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON envelope of the Prometheus HTTP API ({@code status}, {@code data},
 * {@code errorType}, {@code error}) and its matrix and vector results.
 */
final class PrometheusResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PrometheusResponses() {
  }

  /**
   * The {@code data} node of a successful answer.
   *
   * @throws PrometheusException for {@code "status":"error"} or a body that is not the envelope
   */
  static JsonNode data(String body, int httpStatus, String what) {
    if (httpStatus == 401 || httpStatus == 403) {
      throw new PrometheusException(Kind.UNAUTHORIZED, what + ": HTTP " + httpStatus
          + " (check the bearer token or basic auth credentials): " + errorSummary(body));
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new PrometheusException(Kind.BAD_RESPONSE, what + ": HTTP " + httpStatus
          + " with a body that is not Prometheus JSON: " + abbreviate(body));
    }
    if (root == null || !root.isObject() || !root.has("status")) {
      throw new PrometheusException(Kind.BAD_RESPONSE, what + ": HTTP " + httpStatus
          + " with a body that is not a Prometheus API answer: " + abbreviate(body));
    }
    if (!"success".equals(root.path("status").asText())) {
      throw new PrometheusException(Kind.QUERY_FAILED, what + " failed: " + root.path("errorType").asText("error")
          + ": " + root.path("error").asText("(no message)") + " (HTTP " + httpStatus + ")");
    }
    return root.path("data");
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
      throw new PrometheusException(Kind.BAD_RESPONSE, what + ": expected a " + expected + " result, got '"
          + type + "'");
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
          throw new PrometheusException(Kind.BAD_RESPONSE, what + ": sample value '" + text + "' is not a number");
        }
    }
  }

  /** Prometheus' {@code errorType: error} if the body is its error envelope, else the body. */
  static String errorSummary(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.has("error")) {
        return root.path("errorType").asText("error") + ": " + root.path("error").asText();
      }
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): fall through to the raw text.
    }
    return abbreviate(body);
  }

  static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
