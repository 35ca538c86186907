package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Minimal client of the Prometheus HTTP API on {@code java.net.http}.
 *
 * <p>Failure handling: connection failures (refused, reset, connect timeout) and 5xx answers are
 * retried with {@link RetryPolicy}; 4xx answers (bad query: 400 {@code bad_data}, 422
 * {@code execution}) and TLS failures are not, since repeating them cannot help. A request timeout is not retried
 * either: a query that is too slow once will be as slow again, and repeating it only adds load
 * to a struggling Prometheus. Every failure ends in a {@link PrometheusException} with a one-line
 * message that carries Prometheus' own {@code errorType} and {@code error} when it sent them.
 */
public final class PrometheusClient {

  private final PrometheusClientSettings settings;
  private final HttpClient http;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  /** Pauses between retries; replaceable so tests need not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** A client with an HTTP client of its own (one-off use: the CLI, tests). */
  public PrometheusClient(PrometheusClientSettings settings) {
    this(settings, PrometheusHttpClients.build(settings));
  }

  /**
   * A client sending through {@code http}, shared with others (see {@link PrometheusHttpClients};
   * it must have been built for these settings' connect timeout and TLS trust).
   */
  public PrometheusClient(PrometheusClientSettings settings, HttpClient http) {
    this(settings, http, RandomGenerator.getDefault(), d -> Thread.sleep(d.toMillis()));
  }

  PrometheusClient(PrometheusClientSettings settings, RandomGenerator random, Sleeper sleeper) {
    this(settings, PrometheusHttpClients.build(settings), random, sleeper);
  }

  private PrometheusClient(PrometheusClientSettings settings, HttpClient http,
      RandomGenerator random, Sleeper sleeper) {
    this.settings = settings;
    this.http = http;
    this.random = random;
    this.sleeper = sleeper;
  }

  /** The settings this client was built with. */
  public PrometheusClientSettings settings() {
    return settings;
  }

  /**
   * {@code /api/v1/query_range}: every series of the matrix answer, non-finite points dropped.
   *
   * @param start first evaluation time, epoch seconds
   * @param end last evaluation time, epoch seconds
   * @param stepSeconds evaluation step
   */
  public List<RangeSeries> queryRange(String query, long start, long end, long stepSeconds) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", query);
    params.put("start", Long.toString(start));
    params.put("end", Long.toString(end));
    params.put("step", Long.toString(stepSeconds));
    String what = "query_range of '" + query + "'";
    return PrometheusResponses.matrix(get("/api/v1/query_range", params, what), what);
  }

  /**
   * {@code /api/v1/query} at {@code time} (epoch seconds): the vector, the scalar, or for a
   * range query the latest value of each series.
   */
  public List<InstantSample> queryInstant(String query, long time) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", query);
    params.put("time", Long.toString(time));
    String what = "query of '" + query + "'";
    return PrometheusResponses.instant(get("/api/v1/query", params, what), what);
  }

  private JsonNode get(String path, Map<String, String> params, String what) {
    HttpRequest request = request(path, params);
    int attempts = settings.retry().maxAttempts();
    String lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        pause(attempt - 1);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpConnectTimeoutException e) {
        lastFailure = "connect timeout after " + settings.connectTimeout().toMillis() + " ms";
        continue;
      } catch (HttpTimeoutException e) {
        throw new PrometheusException(Kind.TIMEOUT, what + ": Prometheus at " + settings.baseUrl()
            + " did not answer within the request timeout of "
            + settings.requestTimeout().toMillis() + " ms", e);
      } catch (SSLException e) {
        // A certificate or protocol mismatch does not heal by itself: no retry.
        throw new PrometheusException(Kind.UNAVAILABLE, what + ": TLS with " + settings.baseUrl() + " failed: "
            + describe(e), e);
      } catch (ConnectException e) {
        lastFailure = "connection refused or unreachable (" + describe(e) + ")";
        continue;
      } catch (IOException e) {
        lastFailure = "I/O error: " + describe(e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrometheusException(Kind.UNAVAILABLE, what + ": interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 500) {
        lastFailure = "HTTP " + status + ": " + PrometheusResponses.errorSummary(response.body());
        continue;
      }
      return PrometheusResponses.data(response.body(), status, what);
    }
    throw new PrometheusException(Kind.UNAVAILABLE, what + ": Prometheus at " + settings.baseUrl()
        + " failed "
        + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; last: " + lastFailure);
  }

  private HttpRequest request(String path, Map<String, String> params) {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + "?" + query))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json")
        .GET();
    settings.auth().authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
    return builder.build();
  }

  private void pause(int retry) {
    try {
      sleeper.sleep(settings.retry().backoff(retry, random));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(Kind.UNAVAILABLE, "interrupted while waiting to retry", e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
