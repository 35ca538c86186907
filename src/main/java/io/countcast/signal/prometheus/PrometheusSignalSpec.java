package io.countcast.signal.prometheus;

/**
 * The {@code signal.prometheus} block of a CountForecast, as plain values.
 *
 * @param url Prometheus base URL, as allowed by {@link PrometheusEndpointPolicy}; null when
 *     the caller keeps the URL elsewhere
 * @param query per-window count query with {@code $window}, e.g.
 *     {@code sum(increase(http_requests_total{code=~"5.."}[$window]))}; null when
 *     {@code counterQuery} is used
 * @param exposureQuery optional per-window exposure (offset) query with {@code $window}; null
 *     when the model has no exposure
 * @param counterQuery alternative to {@code query}: a raw counter selector (possibly several
 *     series) differenced exactly at the window edges; null when {@code query} is used
 */
public record PrometheusSignalSpec(String url, String query, String exposureQuery,
                                   String counterQuery) {

  public PrometheusSignalSpec {
    boolean hasQuery = query != null && !query.isBlank();
    boolean hasCounter = counterQuery != null && !counterQuery.isBlank();
    if (hasQuery == hasCounter) {
      throw new IllegalArgumentException(
          "signal.prometheus needs exactly one of query and counterQuery");
    }
    if (exposureQuery != null && exposureQuery.isBlank()) {
      exposureQuery = null;
    }
  }

  /** A spec with an increase-style query and optional exposure query. */
  public static PrometheusSignalSpec ofQuery(String url, String query, String exposureQuery) {
    return new PrometheusSignalSpec(url, query, exposureQuery, null);
  }

  /** A spec with a raw counter query and optional exposure query. */
  public static PrometheusSignalSpec ofCounter(String url, String counterQuery,
                                               String exposureQuery) {
    return new PrometheusSignalSpec(url, null, exposureQuery, counterQuery);
  }

  /** Which of the two count queries is set. */
  public SignalQueryMode mode() {
    return counterQuery != null && !counterQuery.isBlank()
        ? SignalQueryMode.COUNTER : SignalQueryMode.INCREASE;
  }
}
