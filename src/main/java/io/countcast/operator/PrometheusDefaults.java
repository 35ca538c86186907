package io.countcast.operator;

import java.net.URI;
import java.nio.file.Path;

/**
 * Operator-level settings of the Prometheus signal.
 *
 * @param url Prometheus base URL used when a CountForecast sets no signal.prometheus.url, or null
 * @param crossNamespace false (default) confines every query to the CountForecast's namespace;
 *     true sends queries as written, so any tenant can read any namespace's series
 * @param tokenFile bearer token file (e.g. a projected service-account token), re-read on every
 *     request, used when a CountForecast names no credentials of its own; or null
 */
public record PrometheusDefaults(URI url, boolean crossNamespace, Path tokenFile) {

  /** No default URL, queries confined, no token file. */
  public static PrometheusDefaults none() {
    return new PrometheusDefaults(null, false, null);
  }
}
