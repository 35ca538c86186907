package io.countcast.signal.prometheus;

import java.time.Duration;
import java.util.List;

/**
 * Errors and requests of an SLO counted by Prometheus over a whole span (the SLO period, the
 * last hour), not summed from the stored windows: the period is usually longer than the
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
  private final String periodErrors;
  private final String periodRequests;
  private final String hourErrors;
  private final String hourRequests;

  /**
   * @param spec the signal; its exposure query must count the requests
   * @param period the SLO period
   * @param burnWindow the span of the burn rate (an hour)
   * @throws io.countcast.signal.prometheus.promql.PromqlException if a query cannot be confined
   *     to the scope's namespace
   * @throws IllegalArgumentException without an exposure query or an increase-style query
   */
  public PeriodTotalsSource(PrometheusClient client, PrometheusSignalSpec spec, QueryScope scope,
      Duration period, Duration burnWindow) {
    if (spec.mode() != SignalQueryMode.INCREASE || spec.exposureQuery() == null) {
      throw new IllegalArgumentException("an SLO needs an increase-style query and an exposure "
          + "query counting the requests");
    }
    this.client = client;
    this.periodErrors = scope.prepare(spec.query(), period);
    this.periodRequests = scope.prepare(spec.exposureQuery(), period);
    this.hourErrors = scope.prepare(spec.query(), burnWindow);
    this.hourRequests = scope.prepare(spec.exposureQuery(), burnWindow);
  }

  /** The four queries as sent: period errors, period requests, hour errors, hour requests. */
  public List<String> queries() {
    return List.of(periodErrors, periodRequests, hourErrors, hourRequests);
  }

  /** Totals over the period ending at {@code endEpochSecond}. */
  public Totals period(long endEpochSecond) {
    return new Totals(value(periodErrors, endEpochSecond), value(periodRequests, endEpochSecond));
  }

  /** Totals over the burn window ending at {@code endEpochSecond}. */
  public Totals burnWindow(long endEpochSecond) {
    return new Totals(value(hourErrors, endEpochSecond), value(hourRequests, endEpochSecond));
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
