package io.countcast.signal.prometheus;

import java.time.Duration;

/**
 * Turns a user's query template into the text sent to Prometheus: substitutes {@code $window},
 * then confines the query to the resource's namespace with {@link NamespaceEnforcer}, unless the
 * operator was configured to allow cross-namespace queries, in which case the text is sent as
 * written (not even parsed, so newer PromQL than this parser knows still works there).
 *
 * @param namespace namespace of the CountForecast resource
 * @param allowCrossNamespace operator-level switch; false confines every query
 * @param enforcer the rewrite
 */
public record QueryScope(String namespace, boolean allowCrossNamespace,
                         NamespaceEnforcer enforcer) {

  /** Confined to {@code namespace} with the standard {@code namespace} label. */
  public static QueryScope confinedTo(String namespace) {
    return new QueryScope(namespace, false, new NamespaceEnforcer());
  }

  /** No rewrite at all. */
  public static QueryScope crossNamespace() {
    return new QueryScope(null, true, new NamespaceEnforcer());
  }

  /**
   * @throws io.countcast.signal.prometheus.promql.PromqlException if the query cannot be
   *     confined safely
   */
  public String prepare(String template, Duration window) {
    String query = PromqlWindow.substitute(template, window);
    return allowCrossNamespace ? query : enforcer.enforce(query, namespace);
  }
}
