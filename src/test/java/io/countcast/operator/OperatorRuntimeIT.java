package io.countcast.operator;

import static io.countcast.operator.TestForecasts.has;
import static io.countcast.operator.TestForecasts.restartForecast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.cli.CountcastCli;
import io.countcast.series.RegressionEngine;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the operator runs, against a real kube-apiserver: the {@code countcast operator} command,
 * a fit that fails, and two replicas sharing a Lease. Each test uses its own namespace and
 * operators watching only it.
 */
class OperatorRuntimeIT {

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    client = API_SERVER.client();
    CustomResourceDefinitions.applyFromFile(client, Path.of("crds", "countforecasts.countcast.io-v1.yml"));
  }

  @AfterAll
  static void clearKubeconfig() {
    System.clearProperty("kubeconfig");
  }

  @Test
  void theOperatorCommandServesProbesUntilStopped() throws Exception {
    Path kubeconfig = Files.createTempFile("countcast-kubeconfig", ".yaml");
    Files.writeString(kubeconfig, API_SERVER.kubeconfigYaml());
    System.setProperty("kubeconfig", kubeconfig.toString());
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread command = new Thread(() -> exit.set(CountcastCli.run(new String[] {"operator",
        "--http-port", "0", "--http-address", "127.0.0.1", "--no-leader-election",
        "--namespaces", "cli"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()))));
    command.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("running"));
    Matcher port = Pattern.compile("port (\\d+)").matcher(out.toString());
    assertThat(port.find()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(port.group(1), "/readyz") == 200);
    assertThat(status(port.group(1), "/healthz")).isEqualTo(200);

    command.interrupt();
    command.join(30_000);
    assertThat(exit.get()).isZero();
    Files.delete(kubeconfig);
  }

  @Test
  void aFailedFitIsReportedAndCollectionGoesOn() throws Exception {
    String ns = namespaceWithWorkload("fit-fails");
    Forecaster failing = (history, settings) -> {
      throw new IllegalArgumentException("design matrix is singular");
    };
    new FakeKubelet(client, ns, "web", Map.of("app", "web"), 2); // pods only, no restarts
    CountcastOperator operator = start(ns, failing, false, "solo");
    try {
      client.resource(restartForecast(ns, "web", "web", 3)).create();

      await().atMost(Duration.ofSeconds(30)).until(() ->
          has(get(ns, "web"), ConditionType.READY, "False", Reasons.FIT_FAILED));
      CountForecast web = get(ns, "web");
      assertThat(has(web, ConditionType.TRAINED, "False", Reasons.FIT_FAILED)).isTrue();
      assertThat(TestForecasts.condition(web, ConditionType.TRAINED).orElseThrow().getMessage())
          .matches("model fit on \\d+ windows failed: design matrix is singular");
      await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(ns).list()
          .getItems().stream().anyMatch(e -> "Warning".equals(e.getType())
              && Reasons.FIT_FAILED.equals(e.getReason())));
      int samples = web.getStatus().getSamples();
      await().atMost(Duration.ofSeconds(10)).until(() -> get(ns, "web").getStatus().getSamples() > samples + 2);
      // Ticks between two attempts (trainEvery 3 s) keep reporting the failure: no flapping.
      Thread.sleep(4_000);
      assertThat(has(get(ns, "web"), ConditionType.READY, "False", Reasons.FIT_FAILED)).isTrue();
      assertThat(TestForecasts.condition(get(ns, "web"), ConditionType.READY).orElseThrow()
          .getLastTransitionTime()).isEqualTo(TestForecasts.condition(web, ConditionType.READY)
              .orElseThrow().getLastTransitionTime());
      assertThat(client.v1().events().inNamespace(ns).list().getItems())
          .filteredOn(e -> Reasons.FIT_FAILED.equals(e.getReason())).hasSize(1);
    } finally {
      operator.close();
    }
  }

  @Test
  void aSecondReplicaTakesOverTheLeaseAndTheCollection() throws Exception {
    String ns = namespaceWithWorkload("replicas");
    Forecaster forecaster = new SeriesForecasterAdapter(RegressionEngine.INSTANCE);
    new FakeKubelet(client, ns, "web", Map.of("app", "web"), 2); // pods only, no restarts
    CountcastOperator first = start(ns, forecaster, true, "replica-1");
    CountcastOperator second = null;
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> "replica-1".equals(holder(ns)));
      second = start(ns, forecaster, true, "replica-2");
      client.resource(restartForecast(ns, "web", "web", 3)).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> fits(first) > 0);
      assertThat(fits(second)).isZero(); // the follower does not reconcile

      first.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> "replica-2".equals(holder(ns)));
      int before = samples(ns);
      await().atMost(Duration.ofSeconds(15)).until(() -> samples(ns) > before + 2);
      CountcastOperator follower = second;
      await().atMost(Duration.ofSeconds(15)).until(() -> fits(follower) > 0);
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void anUnexpectedErrorBecomesReconcileErrorWithAWarningEventAndTheScheduleGoesOn() {
    String ns = namespaceWithWorkload("errors");
    CountForecast web = client.resource(restartForecast(ns, "web", "web", 3)).create();
    CountForecastReconciler reconciler = new CountForecastReconciler(client,
        (history, settings) -> null, SurgeAction.FORECAST_ONLY,
        new ForecastMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());

    var control = reconciler.updateErrorStatus(web, null,
        new KubernetesClientException("etcdserver: request timed out"));

    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.getScheduleDelay()).hasValueSatisfying(delay -> assertThat(delay).isBetween(1L, 1_000L));
    CountForecast patched = control.getResource().orElseThrow();
    assertThat(has(patched, ConditionType.READY, "False", Reasons.RECONCILE_ERROR)).isTrue();
    assertThat(TestForecasts.condition(patched, ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("etcdserver: request timed out");
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo(Reasons.RECONCILE_ERROR);
          assertThat(e.getInvolvedObject().getUid()).isEqualTo(web.getMetadata().getUid());
        });
  }

  @Test
  void aWriteConflictIsRetriedSoonWithoutAProblemOrWarning() {
    String ns = namespaceWithWorkload("conflicts");
    CountForecast web = client.resource(restartForecast(ns, "web", "web", 3)).create();
    CountForecastReconciler reconciler = new CountForecastReconciler(client,
        (history, settings) -> null, SurgeAction.FORECAST_ONLY,
        new ForecastMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());

    var control = reconciler.updateErrorStatus(web, null, new KubernetesClientException(
        "Operation cannot be fulfilled: the object has been modified", 409, null));

    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.getResource()).isEmpty();
    assertThat(control.getScheduleDelay()).hasValue(1_000L);
    assertThat(client.v1().events().inNamespace(ns).list().getItems())
        .noneSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  private static CountcastOperator start(String ns, Forecaster forecaster, boolean leaderElection,
      String identity) throws IOException {
    OperatorSettings settings = OperatorSettings.defaults().withNamespaces(Set.of(ns))
        .withHttp("127.0.0.1", 0).withLeaderElection(leaderElection, ns, identity)
        .inProcess(Duration.ofSeconds(4));
    return CountcastOperator.start(client, false, settings, forecaster, Clock.systemUTC());
  }

  private static String namespaceWithWorkload(String ns) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
        .build()).create();
    client.resource(TestWorkloads.deployment(ns, "web", 2)).create();
    return ns;
  }

  private static CountForecast get(String ns, String name) {
    return client.resources(CountForecast.class).inNamespace(ns).withName(name).get();
  }

  private static int samples(String ns) {
    CountForecast web = get(ns, "web");
    return web == null || web.getStatus() == null || web.getStatus().getSamples() == null ? 0
        : web.getStatus().getSamples();
  }

  /** Fits this replica has run, from its countcast_fit_seconds timer. */
  private static long fits(CountcastOperator replica) {
    return replica.registry().get("countcast.fit").timer().count();
  }

  private static String holder(String ns) {
    Lease lease = client.leases().inNamespace(ns).withName(OperatorSettings.DEFAULT_LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static int status(String port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
