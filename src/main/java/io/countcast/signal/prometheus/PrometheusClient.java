package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
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
import com.google.re2j.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimal client of the Prometheus HTTP API on {@code java.net.http}.
 *
 * <p>Failure handling: connection failures (refused, reset, connect timeout) and 5xx answers are
 * retried with {@link RetryPolicy}; 4xx answers (bad query: 400 {@code bad_data}, 422
 * {@code execution}) and TLS failures are not, since repeating them cannot help. A request timeout is not retried
 * either: a query that is too slow once will be as slow again, and repeating it only adds load
 * to a struggling Prometheus. Every failure ends in a {@link PrometheusException} with a one-line
 * message naming the HTTP status, our classification and Prometheus' {@code errorType}; what the
 * server said goes to the log at debug level, abbreviated, never into the message.
 *
 * <p>At most {@link PrometheusQueryLimit#max()} requests of the clients sharing one limit are
 * in flight at once (the operator shares one across all CountForecasts).
 *
 * <p>Request URIs are resolved against the base URL with {@link URI#resolve} and carry their
 * parameters form-encoded; the base may have a path prefix but no query, fragment or userinfo
 * ({@link PrometheusClientSettings}), so nothing in it can move a request elsewhere or change
 * its parameters. Answers larger than {@value #MAX_BODY_BYTES} bytes are refused unread.
 */
public final class PrometheusClient {

  /** Largest answer read: far above any single-series range, well below the heap. */
  static final int MAX_BODY_BYTES = 64 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusClient.class);
  /** Our own API paths: relative, plain segments. */
  private static final Pattern API_PATH = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)*");

  private final PrometheusClientSettings settings;
  private final HttpClient http;
  private final PrometheusQueryLimit limit;
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
    this(settings, http, PrometheusQueryLimit.unlimited());
  }

  /**
   * A client sending through {@code http}, each request holding one of {@code limit}'s slots
   * while it is in flight (not while it backs off before a retry).
   */
  public PrometheusClient(PrometheusClientSettings settings, HttpClient http,
      PrometheusQueryLimit limit) {
    this(settings, http, limit, RandomGenerator.getDefault(), d -> Thread.sleep(d.toMillis()));
  }

  PrometheusClient(PrometheusClientSettings settings, RandomGenerator random, Sleeper sleeper) {
    this(settings, PrometheusHttpClients.build(settings), PrometheusQueryLimit.unlimited(),
        random, sleeper);
  }

  private PrometheusClient(PrometheusClientSettings settings, HttpClient http,
      PrometheusQueryLimit limit, RandomGenerator random, Sleeper sleeper) {
    this.settings = settings;
    this.http = http;
    this.limit = limit;
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
    return PrometheusResponses.matrix(get("api/v1/query_range", params, what), what);
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
    return PrometheusResponses.instant(get("api/v1/query", params, what), what);
  }

  private JsonNode get(String path, Map<String, String> params, String what) {
    HttpRequest request = request(path, params);
    int attempts = settings.retry().maxAttempts();
    String lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        pause(attempt - 1);
      }
      int status;
      String body;
      try (PrometheusQueryLimit.Slot slot = limit.acquire(what)) {
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = readBounded(response.body());
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
      if (body == null) {
        throw new PrometheusException(Kind.BAD_RESPONSE, what + ": HTTP " + status
            + ": the answer is larger than " + MAX_BODY_BYTES + " bytes");
      }
      if (status >= 500) {
        lastFailure = PrometheusResponses.statusLine(status, body);
        logAnswer(status, body);
        continue;
      }
      try {
        return PrometheusResponses.data(body, status, what);
      } catch (PrometheusException e) {
        logAnswer(status, body);
        throw e;
      }
    }
    throw new PrometheusException(Kind.UNAVAILABLE, what + ": Prometheus at " + settings.baseUrl()
        + " failed "
        + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; last: " + lastFailure);
  }

  private HttpRequest request(String path, Map<String, String> params) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
            requestUri(settings.baseUrl(), path, params))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json")
        .GET();
    settings.auth().authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
    return builder.build();
  }

  /**
   * {@code base} + {@code apiPath} + the form-encoded {@code params}, by URI resolution: the
   * base's path becomes a directory ({@code /prom} → {@code /prom/}) and {@code apiPath}
   * (relative, e.g. {@code api/v1/query}) is resolved against it with the encoded parameters as
   * its query.
   *
   * @throws IllegalStateException if the result leaves the base's scheme, authority or path,
   *     which a validated base cannot make it do
   */
  static URI requestUri(URI base, String apiPath, Map<String, String> params) {
    String basePath = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
    if (!API_PATH.matcher(apiPath).matches()) {
      throw new IllegalArgumentException("not a relative API path: " + apiPath);
    }
    URI directory;
    try {
      directory = new URI(base.getScheme(), null, base.getHost(), base.getPort(),
          basePath.endsWith("/") ? basePath : basePath + "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot build a request URI on " + base, e);
    }
    String form = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    // A relative reference of our own constant path and the encoded form, resolved on the base.
    URI resolved = directory.resolve(URI.create(apiPath + "?" + form));
    if (!resolved.getScheme().equals(directory.getScheme())
        || !resolved.getRawAuthority().equals(directory.getRawAuthority())
        || !resolved.getRawPath().startsWith(directory.getRawPath())
        || resolved.getRawFragment() != null || !form.equals(resolved.getRawQuery())) {
      throw new IllegalStateException("request URI " + resolved + " escapes " + directory);
    }
    return resolved;
  }

  private void logAnswer(int status, String body) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("Prometheus at {} answered HTTP {}: {}", settings.baseUrl(), status,
          PrometheusResponses.abbreviate(body));
    }
  }

  /** The body as a string, or null when it is longer than {@link #MAX_BODY_BYTES}. */
  private static String readBounded(InputStream in) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    }
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
