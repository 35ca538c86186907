package io.countcast.signal.prometheus;

import java.net.URI;
import java.time.Duration;

/**
 * Connection settings of a {@link PrometheusClient}.
 *
 * @param baseUrl Prometheus base URL, e.g. {@code http://prometheus.monitoring:9090} (a path
 *     prefix such as {@code /prometheus} is kept; no userinfo, query or fragment)
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout whole-request timeout, from sending to the end of the body
 * @param retry retries on connection errors and 5xx answers
 * @param auth authentication
 * @param tls TLS trust (used for https URLs)
 */
public record PrometheusClientSettings(URI baseUrl, Duration connectTimeout,
                                       Duration requestTimeout, RetryPolicy retry,
                                       PrometheusAuth auth, TlsSettings tls) {

  public PrometheusClientSettings {
    if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null
        || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
      throw new IllegalArgumentException(
          "Prometheus url must be an absolute http(s) URL, got " + baseUrl);
    }
    if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("Prometheus url must be a base URL without userinfo, "
          + "query or fragment, got " + baseUrl);
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    if (retry == null || auth == null || tls == null) {
      throw new IllegalArgumentException("retry, auth and tls are required");
    }
  }

  /** Defaults: 5 s connect, 30 s request, {@link RetryPolicy#defaults()}, no auth, JDK trust. */
  public static PrometheusClientSettings defaults(URI baseUrl) {
    return new PrometheusClientSettings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30),
        RetryPolicy.defaults(), PrometheusAuth.none(), TlsSettings.defaults());
  }

  public PrometheusClientSettings withTimeouts(Duration connect, Duration request) {
    return new PrometheusClientSettings(baseUrl, connect, request, retry, auth, tls);
  }

  public PrometheusClientSettings withRetry(RetryPolicy newRetry) {
    return new PrometheusClientSettings(baseUrl, connectTimeout, requestTimeout, newRetry, auth,
        tls);
  }

  public PrometheusClientSettings withAuth(PrometheusAuth newAuth) {
    return new PrometheusClientSettings(baseUrl, connectTimeout, requestTimeout, retry, newAuth,
        tls);
  }

  public PrometheusClientSettings withTls(TlsSettings newTls) {
    return new PrometheusClientSettings(baseUrl, connectTimeout, requestTimeout, retry, auth,
        newTls);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
