package io.countcast.operator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the operator process runs.
 *
 * @param namespaces namespaces to watch; empty means all namespaces
 * @param httpPort port of the /healthz, /readyz and /metrics server; 0 picks a free port
 * @param httpHost address the HTTP server binds to
 * @param leaderElection whether to run leader election, so several replicas are safe
 * @param leaseName name of the coordination.k8s.io Lease
 * @param leaseNamespace namespace of the Lease, or null for the client's namespace, else
 *     {@code default} ({@link LeaseNamespace})
 * @param identity this replica's identity in the Lease, or null for JOSDK's default (hostname)
 * @param leaseDuration how long a Lease is valid without renewal
 * @param exitOnLostLease exit the process when the Lease is lost (production: a replica that
 *     lost leadership must not keep reconciling); off only for in-process tests
 * @param prometheus defaults and tenant policy of the Prometheus signal
 * @param selector label selector on CountForecasts restricting this operator to its shard
 *     (the informer of the primary resource lists and watches only these), or null for all
 */
public record OperatorSettings(Set<String> namespaces, int httpPort, String httpHost,
    boolean leaderElection, String leaseName, String leaseNamespace, String identity,
    Duration leaseDuration, boolean exitOnLostLease, PrometheusDefaults prometheus,
    String selector) {

  /** Lease name used unless overridden. */
  public static final String DEFAULT_LEASE_NAME = "countcast-operator";

  public OperatorSettings {
    namespaces = Set.copyOf(namespaces);
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(prometheus, "prometheus");
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("HTTP port must be 0..65535, got " + httpPort);
    }
    if (leaseName.isBlank()) {
      throw new IllegalArgumentException("the Lease name must not be blank");
    }
    selector = selector == null || selector.isBlank() ? null : selector.strip();
  }

  /** All namespaces, port 8080 on all interfaces, leader election on. */
  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), 8080, "0.0.0.0", true, DEFAULT_LEASE_NAME, null, null,
        Duration.ofSeconds(15), true, PrometheusDefaults.none(), null);
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return new OperatorSettings(value, httpPort, httpHost, leaderElection, leaseName,
        leaseNamespace, identity, leaseDuration, exitOnLostLease, prometheus, selector);
  }

  public OperatorSettings withHttp(String host, int port) {
    return new OperatorSettings(namespaces, port, host, leaderElection, leaseName, leaseNamespace,
        identity, leaseDuration, exitOnLostLease, prometheus, selector);
  }

  /** Leader election off, or on with this Lease. */
  public OperatorSettings withLeaderElection(boolean enabled, String namespace, String id) {
    return new OperatorSettings(namespaces, httpPort, httpHost, enabled, leaseName, namespace, id,
        leaseDuration, exitOnLostLease, prometheus, selector);
  }

  /** For in-process tests: keep the JVM when the Lease is lost, with this Lease duration. */
  public OperatorSettings inProcess(Duration lease) {
    return new OperatorSettings(namespaces, httpPort, httpHost, leaderElection, leaseName,
        leaseNamespace, identity, lease, false, prometheus, selector);
  }

  /** With these Prometheus signal defaults. */
  public OperatorSettings withPrometheus(PrometheusDefaults value) {
    return new OperatorSettings(namespaces, httpPort, httpHost, leaderElection, leaseName,
        leaseNamespace, identity, leaseDuration, exitOnLostLease, value, selector);
  }

  /**
   * This operator's shard: the CountForecasts {@code labelSelector} selects (null or blank:
   * all), with its own Lease {@code lease} so each shard elects its own leader.
   */
  public OperatorSettings withShard(String labelSelector, String lease) {
    return new OperatorSettings(namespaces, httpPort, httpHost, leaderElection, lease,
        leaseNamespace, identity, leaseDuration, exitOnLostLease, prometheus, labelSelector);
  }
}
