/**
 * The Prometheus error-count signal (issue 5): per-window counts of a CountForecast read from
 * Prometheus, independent of the Kubernetes API types (the operator passes plain values).
 *
 * <ul>
 *   <li>{@link io.countcast.signal.prometheus.PrometheusSignalSource} – backfill on the first
 *       call, then only new complete windows; windows aligned to multiples of the window length;
 *       long ranges split under Prometheus' 11,000-point limit.</li>
 *   <li>{@link io.countcast.signal.prometheus.QueryScope} and
 *       {@link io.countcast.signal.prometheus.NamespaceEnforcer} – {@code $window} substitution
 *       and the tenant rewrite (a {@code namespace} matcher on every selector), built on the
 *       PromQL parser in {@code promql}.</li>
 *   <li>{@link io.countcast.signal.prometheus.PrometheusClient} – {@code query_range} and
 *       {@code query} on java.net.http with timeouts, bounded retries with jittered exponential
 *       backoff, bearer/basic auth and custom CA.</li>
 *   <li>{@link io.countcast.signal.prometheus.CountRounding} and
 *       {@link io.countcast.signal.prometheus.CounterDeltas} – the two ways a window value
 *       becomes a count ({@code query} with {@code increase()} vs. exact {@code counterQuery}).
 *   </li>
 * </ul>
 * See {@code docs/prometheus-signal.md} for the rules in one place.
 */
package io.countcast.signal.prometheus;
