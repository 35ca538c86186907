package io.countcast.operator;

import io.countcast.signal.prometheus.PrometheusEndpointPolicy;
import io.countcast.signal.prometheus.PrometheusQueryLimit;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Operator-level settings of the Prometheus signal: the administrator's, never a tenant's.
 *
 * @param url Prometheus base URL used when a CountForecast sets no signal.prometheus.url, or null
 * @param crossNamespace false (default) confines every query to the CountForecast's namespace;
 *     true sends queries as written, so any tenant can read any namespace's series
 * @param tokenFile bearer token file (e.g. a projected service-account token), re-read on every
 *     request, used when a CountForecast names no credentials of its own; or null. It is only
 *     ever sent to the allowed URLs, since no request goes anywhere else.
 * @param allowedUrls the base URLs a CountForecast's signal.prometheus.url may name
 *     ({@code --prometheus-allowed-urls}); empty means {@code url} alone
 * @param maxConcurrency Prometheus requests in flight at most, across all CountForecasts
 *     ({@code --prometheus-max-concurrency})
 */
public record PrometheusDefaults(URI url, boolean crossNamespace, Path tokenFile,
    List<URI> allowedUrls, int maxConcurrency) {

  public PrometheusDefaults {
    allowedUrls = List.copyOf(allowedUrls);
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "Prometheus max concurrency must be at least 1, got " + maxConcurrency);
    }
  }

  /** With the default concurrency limit. */
  public PrometheusDefaults(URI url, boolean crossNamespace, Path tokenFile,
      List<URI> allowedUrls) {
    this(url, crossNamespace, tokenFile, allowedUrls,
        PrometheusQueryLimit.DEFAULT_MAX_CONCURRENCY);
  }

  /** Only {@code url} is allowed. */
  public PrometheusDefaults(URI url, boolean crossNamespace, Path tokenFile) {
    this(url, crossNamespace, tokenFile, List.of());
  }

  /** No default URL, queries confined, no token file, no URL allowed. */
  public static PrometheusDefaults none() {
    return new PrometheusDefaults(null, false, null);
  }

  /**
   * The URL policy these settings describe.
   *
   * @throws IllegalArgumentException if a URL is not a plain http(s) base URL, or {@code url}
   *     is not among a non-empty {@code allowedUrls}
   */
  public PrometheusEndpointPolicy endpointPolicy() {
    return PrometheusEndpointPolicy.of(url, allowedUrls);
  }
}
