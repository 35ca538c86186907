package io.countcast.signal.prometheus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors and requests of an SLO counted by Prometheus over whole spans (the SLO period, the
 * burn-rate windows), not summed from the stored windows: the period is usually longer than the
 * history, and the raw counters are what users compare the budget with.
 *
 * <p>The signal's query and exposure query give the count within {@code $window}; with
 * {@code $window} set to the span, the same queries give the span's totals, e.g.
 * {@code sum(increase(http_requests_total{code=~"5.."}[30d]))}. They go through the same
 * {@link QueryScope} as the per-window queries, so they are confined to the namespace the same
 * way. Each is one instant query at the end of the latest closed window. No result (no series
 * matched, typically no error at all) counts as 0; several series are refused, as for the
 * per-window queries.
 */
public final class PeriodTotalsSource {

  /**
   * Errors and requests over a span.
   *
   * @param errors the query's value over the span, at least 0
   * @param requests the exposure query's value over the span, at least 0
   */
  public record Totals(double errors, double requests) {}

  private final PrometheusClient client;
  /** Per span, the errors and the requests query as sent. */
  private final Map<Duration, List<String>> queries = new LinkedHashMap<>();

  /**
   * @param spec the signal; its exposure query must count the requests
   * @param spans the spans to count over: the SLO period and the burn-rate windows
   * @throws io.countcast.signal.prometheus.promql.PromqlException if a query cannot be confined
   *     to the scope's namespace
   * @throws IllegalArgumentException without an exposure query or an increase-style query
   */
  public PeriodTotalsSource(PrometheusClient client, PrometheusSignalSpec spec, QueryScope scope,
      List<Duration> spans) {
    if (spec.mode() != SignalQueryMode.INCREASE || spec.exposureQuery() == null) {
      throw new IllegalArgumentException("an SLO needs an increase-style query and an exposure "
          + "query counting the requests");
    }
    this.client = client;
    for (Duration span : spans) {
      queries.put(span, List.of(scope.prepare(spec.query(), span),
          scope.prepare(spec.exposureQuery(), span)));
    }
  }

  /** The queries as sent, per span: errors then requests. */
  public List<String> queries() {
    return queries.values().stream().flatMap(List::stream).toList();
  }

  /**
   * Totals over {@code span} ending at {@code endEpochSecond}.
   *
   * @throws IllegalArgumentException for a span not given at construction
   */
  public Totals totals(Duration span, long endEpochSecond) {
    List<String> q = queries.get(span);
    if (q == null) {
      throw new IllegalArgumentException("no queries for span " + span);
    }
    return new Totals(value(q.get(0), endEpochSecond), value(q.get(1), endEpochSecond));
  }

  private double value(String query, long time) {
    List<InstantSample> samples = client.queryInstant(query, time);
    if (samples.size() > 1) {
      throw new PrometheusException(PrometheusException.Kind.MANY_SERIES, "query returned "
          + samples.size() + " series; wrap it in sum(...) so it yields one value: " + query);
    }
    if (samples.isEmpty()) {
      return 0.0;
    }
    double v = samples.get(0).value();
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new PrometheusException(PrometheusException.Kind.QUERY_FAILED,
          "query gave " + v + ", not a count: " + query);
    }
    return v;
  }
}
