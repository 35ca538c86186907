package io.countcast.operator;

import static io.countcast.operator.TestForecasts.has;
import static io.countcast.operator.TestForecasts.isReady;
import static io.countcast.operator.TestForecasts.restartForecast;
import static io.countcast.operator.TestForecasts.withSelector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.TargetKind;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.SignalState;
import io.countcast.signal.WindowSample;
import io.countcast.series.RegressionEngine;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real operator, in-process, against a real kube-apiserver (fabric8 kube-api-test): the
 * test plays the kubelet by raising pods' restartCount, and watches the operator collect
 * windows, train, publish status, conditions, Events and metrics, survive its own restart
 * without double counting, and clean up its gauges on deletion.
 *
 * <p>One operator and one trained CountForecast ("web") are shared by the ordered tests, so the
 * ~15 s of window collection are paid once.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorEndToEndIT {

  private static final String NS = "e2e";
  private static final String LEASE_NS = "default";
  private static final int MIN_SAMPLES = 16;
  private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;

  private static CountcastOperator operator;
  private static FakeKubelet kubelet;
  private static Watch watch;
  /** Reasons of the "web" Trained condition in the order the API server reported them. */
  private static final List<String> trainedReasons = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startOperatorAndCollect() throws IOException {
    client = API_SERVER.client();
    CustomResourceDefinitions.applyFromFile(client, Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata()
        .build()).create();
    client.resource(TestWorkloads.deployment(NS, "web", 3)).create();
    kubelet = new FakeKubelet(client, NS, "web", Map.of("app", "web"), 3);
    watch = client.resources(CountForecast.class).inNamespace(NS).withName("web")
        .watch(new TrainedReasonRecorder());
    operator = startOperator();
    client.resource(restartForecast(NS, "web", "web", MIN_SAMPLES)).create();
    // Restarts before the collector's first observation are its baseline, not counted.
    await().atMost(Duration.ofSeconds(30)).until(() -> historyMap("web") != null);
    kubelet.start(150);
  }

  @AfterAll
  static void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (watch != null) {
      watch.close();
    }
  }

  private static CountcastOperator startOperator() throws IOException {
    OperatorSettings settings = OperatorSettings.defaults()
        .withNamespaces(Set.of(NS))
        .withHttp("127.0.0.1", 0)
        .withLeaderElection(true, LEASE_NS, "replica-a")
        .inProcess(Duration.ofSeconds(6));
    return CountcastOperator.start(client, false, settings,
        new SeriesForecasterAdapter(RegressionEngine.INSTANCE), Clock.systemUTC());
  }

  @Test
  @Order(1)
  void writesTheHistoryConfigMapOwnedByTheCountForecast() {
    CountForecast web = get("web");
    ConfigMap history = historyMap("web");

    OwnerReference owner = history.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("CountForecast");
    assertThat(owner.getName()).isEqualTo("web");
    assertThat(owner.getUid()).isEqualTo(web.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(history.getData()).containsKeys("samples", "tracker", "windowSeconds");
    assertThat(history.getData().get("windowSeconds")).isEqualTo("1");
  }

  @Test
  @Order(2)
  void reportsInsufficientHistoryFirstThenTrainsAndPublishesTheForecast() {
    await().atMost(TRAINING_TIMEOUT).until(() -> isReady(get("web")));
    CountForecast web = get("web");

    assertThat(trainedReasons).containsExactly(Reasons.INSUFFICIENT_HISTORY, Reasons.MODEL_FITTED);
    assertThat(has(web, ConditionType.TRAINED, "True", Reasons.MODEL_FITTED)).isTrue();
    assertThat(has(web, ConditionType.DEGRADED, "False", Reasons.HEALTHY)).isTrue();
    assertThat(TestForecasts.condition(web, ConditionType.SURGE_FORECAST)).get()
        .satisfies(c -> assertThat(c.getReason()).isIn(Reasons.SURGE_LIKELY, Reasons.NO_SURGE_EXPECTED));
    var status = web.getStatus();
    assertThat(status.getObservedGeneration()).isEqualTo(web.getMetadata().getGeneration());
    assertThat(status.getConditions()).allSatisfy(c ->
        assertThat(c.getObservedGeneration()).isEqualTo(web.getMetadata().getGeneration()));
    assertThat(status.getSamples()).isGreaterThanOrEqualTo(MIN_SAMPLES);
    assertThat(status.getLastCount()).isNotNegative();
    assertThat(Instant.parse(status.getLastWindowEnd())).isBeforeOrEqualTo(Instant.now());
    assertThat(status.getLastTrainedTime()).isNotNull();
    assertThat(status.getModel().getFamily()).isIn("poisson", "nb2", "zinb2");
    assertThat(status.getModel().getCoefficients()).isNotEmpty();
    assertThat(status.getModel().getSelectionReason()).isNotBlank();
    assertThat(status.getForecast()).hasSize(4).allSatisfy(w -> {
      assertThat(w.getExpected()).isPositive();
      assertThat(w.getLower()).isLessThanOrEqualTo(w.getUpper());
      assertThat(w.getExceedProbability()).isBetween(0.0, 1.0);
    });
    double noSurge = status.getForecast().stream()
        .mapToDouble(w -> 1 - w.getExceedProbability()).reduce(1, (a, b) -> a * b);
    assertThat(status.getSurgeProbability()).isCloseTo(1 - noSurge, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(status.getForecast()).extracting(w -> w.getExpected()).contains(status.getExpectedNext());
    assertThat(status.getStale()).isFalse();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var backtest = get("web").getStatus().getBacktest();
      assertThat(backtest).isNotNull();
      assertThat(backtest.getFolds()).isBetween(1, SeriesForecasterAdapter.MAX_BACKTEST_FOLDS);
      assertThat(backtest.getMae()).isNotNegative();
      assertThat(backtest.getLogScore()).isNegative();
      assertThat(backtest.getCoverage90()).isBetween(0.0, 1.0);
      assertThat(backtest.getBrier()).isBetween(0.0, 1.0);
    });
  }

  @Test
  @Order(3)
  void servesProbesAndMetricsWithLabelledGauges() throws Exception {
    await().atMost(TRAINING_TIMEOUT).until(() -> isReady(get("web")));

    assertThat(http("/healthz").statusCode()).isEqualTo(200);
    assertThat(http("/readyz").statusCode()).isEqualTo(200);
    String metrics = http("/metrics").body();
    String labels = "{name=\"web\",namespace=\"" + NS + "\"}";
    assertThat(metrics).contains("countcast_forecast_expected" + labels)
        .contains("countcast_forecast_lower" + labels)
        .contains("countcast_forecast_upper" + labels)
        .contains("countcast_observed" + labels)
        .contains("countcast_surge_probability" + labels)
        .contains("countcast_degraded{name=\"web\",namespace=\"" + NS + "\",reason=\"")
        .contains("countcast_fit_seconds_count")
        // JOSDK's reconcile timer, which examples/grafana-dashboard.json charts
        .contains("operator_sdk_controllers_execution_reconcile_seconds_count");
    // The gauges carry the published status (retried: a training may land between the reads).
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      var status = get("web").getStatus();
      String scrape = http("/metrics").body();
      assertThat(sample(scrape, "countcast_forecast_expected" + labels)).isEqualTo(status.getExpectedNext());
      assertThat(sample(scrape, "countcast_forecast_lower" + labels)).isEqualTo(status.getLowerNext().doubleValue());
      assertThat(sample(scrape, "countcast_forecast_upper" + labels)).isEqualTo(status.getUpperNext().doubleValue());
      assertThat(sample(scrape, "countcast_observed" + labels)).isEqualTo(status.getLastCount().doubleValue());
      assertThat(sample(scrape, "countcast_surge_probability" + labels)).isEqualTo(status.getSurgeProbability());
      String degraded = "countcast_degraded{name=\"web\",namespace=\"" + NS + "\",reason=\""
          + ForecastMetrics.degradedReason(status) + "\"}";
      assertThat(sample(scrape, degraded)).isEqualTo(ForecastMetrics.isDegraded(status) ? 1.0 : 0.0);
      assertThat(scrape.lines().filter(line -> line.startsWith("countcast_degraded{name=\"web\""))).hasSize(1);
    });
  }

  /** The value of the sample line starting with {@code series} in a Prometheus scrape. */
  private static double sample(String scrape, String series) {
    return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no sample " + series));
  }

  @Test
  @Order(4)
  void holdsTheLeaderLease() {
    Lease lease = client.leases().inNamespace(LEASE_NS).withName(OperatorSettings.DEFAULT_LEASE_NAME).get();

    assertThat(lease).isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-a");
  }

  @Test
  @Order(5)
  void aMissingTargetIsNotReadyWithAWarningEventWhileOthersStayReady() {
    client.resource(restartForecast(NS, "ghost", "no-such-deployment", MIN_SAMPLES)).create();

    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("ghost"), ConditionType.READY, "False", Reasons.TARGET_NOT_FOUND));
    assertThat(TestForecasts.condition(get("ghost"), ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("spec.targetRef: Deployment e2e/no-such-deployment does not exist");
    await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("ghost", Reasons.TARGET_NOT_FOUND).isEmpty());
    assertThat(isReady(get("web"))).isTrue();
  }

  @Test
  @Order(6)
  void anUnchangedStatusIsNotPatchedAgain() throws InterruptedException {
    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("ghost"), ConditionType.READY, "False", Reasons.TARGET_NOT_FOUND));
    String resourceVersion = get("ghost").getMetadata().getResourceVersion();

    Thread.sleep(3_000); // about six ticks of a 1 s window, each finding the same problem

    assertThat(get("ghost").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(warnings("ghost", Reasons.TARGET_NOT_FOUND)).hasSize(1);
  }

  @Test
  @Order(7)
  void specValuesTheSchemaCannotCatchAreInvalidSpec() {
    CountForecast tooShort = restartForecast(NS, "too-short", "web", MIN_SAMPLES);
    tooShort.getSpec().setHistory("10s");
    client.resource(tooShort).create();

    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("too-short"), ConditionType.READY, "False", Reasons.INVALID_SPEC));
    assertThat(TestForecasts.condition(get("too-short"), ConditionType.READY).orElseThrow()
        .getMessage()).isEqualTo("spec.minSamples: 16 is more than the 10 windows spec.history "
            + "keeps; lower minSamples or lengthen history");
  }

  @Test
  @Order(8)
  void aCorruptHistoryConfigMapIsHistoryCorruptAndCollectionStartsAfresh() {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(HistoryStore.configMapName("garbled")).endMetadata()
        .addToData("format", "something-else").build()).create();
    client.resource(restartForecast(NS, "garbled", "web", MIN_SAMPLES)).create();

    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("garbled"), ConditionType.READY, "False", Reasons.HISTORY_CORRUPT));
    assertThat(TestForecasts.condition(get("garbled"), ConditionType.READY).orElseThrow()
        .getMessage()).startsWith("ConfigMap " + NS + "/garbled-countcast-history: key 'format' "
            + "is 'something-else'").contains("collection started afresh");
    // The next save replaced the corrupt ConfigMap with a fresh history.
    await().atMost(Duration.ofSeconds(20)).until(() -> "countcast-signal/v1".equals(client
        .configMaps().inNamespace(NS).withName(HistoryStore.configMapName("garbled")).get()
        .getData().get("format")));
    assertThat(isReady(get("web"))).isTrue();
  }

  @Test
  @Order(9)
  void aSelectorMatchingNoPodIsNoPodsSelected() {
    client.resource(withSelector(restartForecast(NS, "empty", "web", MIN_SAMPLES),
        Map.of("app", "nothing-has-this-label"))).create();

    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("empty"), ConditionType.READY, "False", Reasons.NO_PODS_SELECTED));
    await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("empty", Reasons.NO_PODS_SELECTED).isEmpty());
    assertThat(TestForecasts.condition(get("empty"), ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("no pod in namespace e2e matches the selector app=nothing-has-this-label");
    assertThat(historyMap("empty")).as("nothing recorded without pods").isNull();
    assertThat(isReady(get("web"))).isTrue();
  }

  @Test
  @Order(10)
  void aStatefulSetTargetIsCollectedThroughItsOwnSelector() {
    client.resource(TestWorkloads.statefulSet(NS, "db")).create();
    new FakeKubelet(client, NS, "db", Map.of("app", "db"), 1); // one pod, no restarts
    CountForecast db = restartForecast(NS, "db", "db", MIN_SAMPLES);
    db.getSpec().getTargetRef().setKind(TargetKind.STATEFUL_SET);
    client.resource(db).create();

    await().atMost(Duration.ofSeconds(20)).until(() ->
        has(get("db"), ConditionType.TRAINED, "False", Reasons.INSUFFICIENT_HISTORY));
    assertThat(historyMap("db")).isNotNull();
  }

  @Test
  @Order(11)
  void aRestartedOperatorCountsEveryRestartExactlyOnce() throws Exception {
    operator.close();
    operator = null;
    Thread.sleep(3_000); // restarts keep happening while the operator is down
    operator = startOperator();
    Thread.sleep(4_000);
    kubelet.stop();

    long made = kubelet.totalRestarts();
    assertThat(made).isPositive();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(counted("web")).isEqualTo(made));
    Thread.sleep(2_000); // and nothing is counted twice later
    assertThat(counted("web")).isEqualTo(made);
  }

  @Test
  @Order(12)
  void deletingACountForecastRemovesItsGauges() throws Exception {
    await().atMost(TRAINING_TIMEOUT).until(() -> isReady(get("web")));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        http("/metrics").body().contains("countcast_forecast_expected{name=\"web\""));

    client.resources(CountForecast.class).inNamespace(NS).withName("web").delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> get("web") == null);
    assertThat(http("/metrics").body()).doesNotContain("name=\"web\"");
  }

  @Test
  @Order(13)
  void aWorkloadWhosePodsNeverRestartIsTrainedOnTheGammaPoissonRate() {
    // "db" (one pod, never restarted) was created by the StatefulSet test above.
    await().atMost(TRAINING_TIMEOUT).until(() ->
        has(get("db"), ConditionType.TRAINED, "True", Reasons.MODEL_FITTED));
    var status = get("db").getStatus();

    assertThat(TestForecasts.condition(get("db"), ConditionType.READY).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(status.getLastCount()).isZero();
    assertThat(TestForecasts.condition(get("db"), ConditionType.TRAINED).orElseThrow().getMessage())
        .startsWith("gamma-poisson model fitted on ");
    assertThat(status.getModel().getMethod()).isEqualTo("gamma-poisson");
    assertThat(status.getModel().getSelectionReason()).startsWith("no events in ")
        .contains("gamma-poisson");
    assertThat(status.getForecast()).hasSize(4).allSatisfy(w -> {
      assertThat(w.getExpected()).isPositive().isLessThan(0.1);
      assertThat(w.getLower()).isZero();
      assertThat(w.getUpper()).isBetween(0, 1);
      assertThat(w.getExceedProbability()).isLessThan(0.01);
    });
    assertThat(status.getSurgeProbability()).isLessThan(0.01);
  }

  private static CountForecast get(String name) {
    return client.resources(CountForecast.class).inNamespace(NS).withName(name).get();
  }

  private static ConfigMap historyMap(String name) {
    return client.configMaps().inNamespace(NS).withName(HistoryStore.configMapName(name)).get();
  }

  /** Restarts the operator counted: closed windows plus the stored open window. */
  private static long counted(String name) {
    SignalState state = new HistoryStore(client).load(NS, name).orElseThrow().state();
    long sum = state.samples().stream().mapToLong(WindowSample::count).sum();
    return sum + (state.openWindow() == null ? 0 : state.openWindow().count());
  }

  private static List<Event> warnings(String name, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
        .toList();
  }

  private static HttpResponse<String> http(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Records the reason of the Trained condition each time it changes. */
  private static final class TrainedReasonRecorder implements Watcher<CountForecast> {
    @Override
    public void eventReceived(Action action, CountForecast resource) {
      TestForecasts.condition(resource, ConditionType.TRAINED).map(c -> c.getReason())
          .filter(reason -> trainedReasons.isEmpty()
              || !trainedReasons.get(trainedReasons.size() - 1).equals(reason))
          .ifPresent(trainedReasons::add);
    }

    @Override
    public void onClose(WatcherException cause) {
      // the test closes the watch; nothing to recover
    }
  }
}
