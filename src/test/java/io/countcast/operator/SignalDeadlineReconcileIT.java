package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.countcast.api.CountForecast;
import io.countcast.series.RegressionEngine;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reconcile against the real API server, whose CountForecast's Prometheus accepts the query and
 * then does not answer: the reconcile ends at the operator's per-reconcile limit (here 1 s)
 * instead of the query's own 60 s timeout, reports SignalDeadlineExceeded, counts it in
 * {@code countcast_reconcile_deadline_exceeded_total}, and the thread is free for the next
 * CountForecast.
 */
class SignalDeadlineReconcileIT {

  private static final String NS = "slow";

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static final ExecutorService HANDLERS = Executors.newCachedThreadPool();
  private static HttpServer stuckPrometheus;

  @BeforeAll
  static void start() throws IOException {
    stuckPrometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stuckPrometheus.createContext("/", exchange -> {
      try (exchange) {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stuckPrometheus.setExecutor(HANDLERS);
    stuckPrometheus.start();
    KubernetesClient client = API_SERVER.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
    client.resource(TestWorkloads.deployment(NS, "checkout", 1)).create();
  }

  /** The stuck Prometheus: the operator's URL, so its allow-list admits it. */
  private static java.net.URI stuckUrl() {
    return java.net.URI.create("http://127.0.0.1:" + stuckPrometheus.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    stuckPrometheus.stop(0);
    HANDLERS.shutdownNow();
  }

  @Test
  void aStuckPrometheusHoldsTheReconcileOnlyUntilTheDeadline() {
    KubernetesClient client = API_SERVER.client();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ForecastMetrics metrics = new ForecastMetrics(registry);
    Clock clock = Clock.systemUTC();
    CountForecastReconciler reconciler = new CountForecastReconciler(client,
        new SeriesForecasterAdapter(RegressionEngine.INSTANCE),
        new SurgeActions(client, metrics, clock), metrics, clock,
        new PrometheusDefaults(stuckUrl(), false, null), Duration.ofSeconds(1));
    CountForecast forecast = TestForecasts.prometheusForecast(NS, "errors", "checkout",
        "sum(increase(http_requests_total{code=~\"5..\"}[$window]))", null);
    forecast.getMetadata().setUid("0b7c5d1e-0000-4000-8000-000000000001");
    forecast.getSpec().getSignal().getPrometheus().setUrl(stuckUrl().toString());
    forecast.getSpec().getSignal().getPrometheus().setTimeout("60s");

    long start = System.nanoTime();
    UpdateControl<CountForecast> control = reconciler.reconcile(forecast, null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).as("reconcile time").isLessThan(Duration.ofSeconds(15));
    assertThat(TestForecasts.has(control.getResource().orElseThrow(), "Degraded", "True",
        Reasons.SIGNAL_DEADLINE_EXCEEDED)).as("Degraded condition of %s",
        control.getResource().orElseThrow().getStatus().getConditions()).isTrue();
    assertThat(registry.get("countcast.reconcile.deadline.exceeded").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("countcast.signal").tag("signal", "prometheus").timer().count())
        .isEqualTo(1);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt leaked").isFalse();
  }
}
