package io.countcast.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: a JOSDK {@link Operator} with the {@link CountForecastReconciler}
 * registered, JOSDK's Micrometer metrics and the operator's own gauges in one Prometheus
 * registry, optional Lease-based leader election, and the {@link HealthServer}.
 */
public final class CountcastOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CountcastOperator.class);

  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final HealthServer http;
  /** Set before stopping: a Lease lost after that is our own release ({@link LostLeaseExit}). */
  private final AtomicBoolean closed;

  private CountcastOperator(Operator operator, PrometheusMeterRegistry registry, HealthServer http,
      AtomicBoolean closed) {
    this.operator = operator;
    this.registry = registry;
    this.http = http;
    this.closed = closed;
  }

  /**
   * Starts the operator on {@code client}.
   *
   * @param closeClient whether stopping the operator closes the client (false when the caller
   *     owns it, as tests do)
   */
  public static CountcastOperator start(KubernetesClient client, boolean closeClient,
      OperatorSettings settings, Forecaster forecaster, Clock clock) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicBoolean closed = new AtomicBoolean();
    Operator operator = new Operator(
        o -> configure(o, client, closeClient, settings, registry, closed));
    ForecastMetrics metrics = new ForecastMetrics(registry);
    CountForecastReconciler reconciler = new CountForecastReconciler(client, forecaster,
        new SurgeActions(client, metrics, clock), metrics, clock, settings.prometheus());
    operator.register(reconciler, c -> {
      if (settings.namespaces().isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(settings.namespaces());
      }
      if (settings.selector() != null) {
        // The shard: the API server filters the list and watch, so other shards' resources
        // never reach this process.
        c.withLabelSelector(settings.selector());
      }
    });
    if (settings.selector() != null) {
      LOG.info("shard: CountForecasts selected by {}", settings.selector());
    }
    // HTTP first: a port already in use fails before any API call, and /healthz answers
    // (503) while the informers sync.
    HealthServer http = new HealthServer(settings.httpHost(), settings.httpPort(),
        () -> operator.getRuntimeInfo().isStarted(),
        () -> operator.getRuntimeInfo().isStarted()
            && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
        registry);
    try {
      operator.start();
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
    return new CountcastOperator(operator, registry, http, closed);
  }

  private static void configure(ConfigurationServiceOverrider o, KubernetesClient client,
      boolean closeClient, OperatorSettings settings, PrometheusMeterRegistry registry,
      AtomicBoolean closed) {
    o.withKubernetesClient(client).withCloseClientOnStop(closeClient)
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
    if (settings.leaderElection()) {
      LeaderElectionConfigurationBuilder lease =
          LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
              .withLeaseDuration(settings.leaseDuration())
              .withRenewDeadline(settings.leaseDuration().multipliedBy(2).dividedBy(3))
              .withRetryPeriod(settings.leaseDuration().dividedBy(5))
              // Not JOSDK's exit: it deadlocks on SIGTERM (see LostLeaseExit).
              .withExitOnStopLeading(false);
      if (settings.exitOnLostLease()) {
        lease.withLeaderCallbacks(new LostLeaseExit(closed, System::exit).callbacks());
      }
      LeaseNamespace where = LeaseNamespace.resolve(settings.leaseNamespace(),
          client.getConfiguration());
      LOG.info("leader election: Lease {}/{} ({})", where.namespace(), settings.leaseName(),
          where.source());
      lease.withLeaseNamespace(where.namespace());
      if (settings.identity() != null) {
        lease.withIdentity(settings.identity());
      }
      o.withLeaderElectionConfiguration(lease.build());
    }
  }

  /** Port of the /healthz, /readyz and /metrics server. */
  public int httpPort() {
    return http.port();
  }

  /** The registry behind /metrics. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops reconciling, then the HTTP server; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    operator.stop();
    http.close();
    registry.close();
  }
}
