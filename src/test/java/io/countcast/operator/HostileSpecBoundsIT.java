package io.countcast.operator;

import static io.countcast.operator.TestForecasts.condition;
import static io.countcast.operator.TestForecasts.has;
import static io.countcast.operator.TestForecasts.isReady;
import static io.countcast.operator.TestForecasts.restartForecast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionType;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.signal.HistoryStore;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 rows F4 and F6 and hostile stored state, against a real kube-apiserver with the real
 * operator in-process: each hostile input gets a clear admission error or condition, a benign
 * CountForecast in another namespace keeps training throughout, and the operator stays up.
 *
 * <p>Objects "stored before the new maxima" are written with raw (untyped) API calls while the
 * CRD is temporarily the old one (no maximums, no window-count CEL rules), as on a cluster
 * upgraded from an older Countcast.
 */
@TestMethodOrder(OrderAnnotation.class)
class HostileSpecBoundsIT {

  private static final String HOSTILE = "tenant-a";
  private static final String BENIGN = "tenant-b";
  private static final Duration TIMEOUT = Duration.ofSeconds(45);
  private static final Path CRD = Path.of("crds", "countforecasts.countcast.io-v1.yml");

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;
  private static CountcastOperator operator;
  private static final ScriptedForecaster FORECASTER = new ScriptedForecaster(Clock.systemUTC());
  private static FakeKubelet hostilePods;
  private static FakeKubelet benignPods;

  @BeforeAll
  static void storeOverflowObjectsThenStartTheOperator() throws IOException {
    client = API_SERVER.client();
    applyCrd(true);
    for (String ns : List.of(HOSTILE, BENIGN)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .endMetadata().build()).create();
      client.resource(TestWorkloads.deployment(ns, "web", 1)).create();
    }
    hostilePods = new FakeKubelet(client, HOSTILE, "web", Map.of("app", "web"), 1);
    benignPods = new FakeKubelet(client, BENIGN, "web", Map.of("app", "web"), 1);
    // Written under the old CRD, before the operator starts: F6 and F4 as stored objects.
    createRaw(HOSTILE, "overflow-before", spec -> spec.put("minSamples", 3_000_000_000L));
    createRaw(HOSTILE, "f4-before", spec -> {
      spec.put("window", "1s");
      spec.put("history", "1h");
      spec.put("horizon", "3000w");
      spec.put("minSamples", 2);
    });
    applyCrd(false);
    FORECASTER.surge(false);
    operator = CountcastOperator.start(client, false, OperatorSettings.defaults()
        .withNamespaces(Set.of(HOSTILE, BENIGN)).withHttp("127.0.0.1", 0)
        .inProcess(Duration.ofSeconds(6)), FORECASTER, Clock.systemUTC());
    CountForecast benign = restartForecast(BENIGN, "benign", "web", 2);
    benign.getSpec().setTrainEvery("2s");
    client.resource(benign).create();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {operator, hostilePods, benignPods}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  @Test
  @Order(1)
  void theOperatorStartsWithOverflowObjectsStoredAndReportsThemByName() {
    await("benign trains").atMost(TIMEOUT).until(() -> isReady(get(BENIGN, "benign")));
    await().atMost(TIMEOUT).until(() ->
        has(get(HOSTILE, "overflow-before"), ConditionType.READY, "False", Reasons.INVALID_SPEC));
    assertThat(message(HOSTILE, "overflow-before"))
        .isEqualTo("spec.minSamples: cannot be read: 3000000000 is not a valid Integer");
    await().atMost(TIMEOUT).until(() ->
        has(get(HOSTILE, "f4-before"), ConditionType.READY, "False", Reasons.INVALID_SPEC));
    assertThat(message(HOSTILE, "f4-before"))
        .isEqualTo("spec.horizon: 3000w at window 1s is 1,814,400,000 windows (limit 2,016)");
    await().atMost(TIMEOUT).until(() -> !warnings(HOSTILE, "overflow-before",
        Reasons.INVALID_SPEC).isEmpty());
    // Its spec was never overwritten with the placeholder the operator read it into.
    assertThat(raw(HOSTILE, "overflow-before").get("minSamples")).isEqualTo(3_000_000_000L);
  }

  @Test
  @Order(2)
  void theApiServerRefusesTheF4AndF6RowsNamingTheRule() {
    assertRefused(s -> windows(s, "1s", "1h", "3000w"),
        "horizon ÷ window must be at most 2016 windows");
    assertRefused(s -> windows(s, "1s", "1h", "7102w"),
        "horizon ÷ window must be at most 2016 windows");
    assertRefused(s -> windows(s, "1s", "1h", "1w"),
        "horizon ÷ window must be at most 2016 windows");
    assertRefused(s -> windows(s, "1s", "1d", "1m"),
        "history ÷ window must be at most 16384 windows");
    assertRefused(s -> windows(s, "2d", "30d", "2d"), "duration must be at most 1d");
    assertRefused(s -> s.put("horizon", "99999999999999999999w"), "spec");
    assertRefused(s -> s.put("minSamples", 3_000_000_000L),
        "spec.minSamples in body should be less than or equal to 16384");
    assertRefused(s -> s.put("surge", Map.of("threshold", 3_000_000_000L)),
        "spec.surge.threshold in body should be less than or equal to");
    assertRefused(s -> {
      s.put("surge", Map.of("threshold", 1));
      s.put("action", Map.of("type", "ScaleHPA", "surgeMinReplicas", 3_000_000_000L));
    }, "spec.action.surgeMinReplicas in body should be less than or equal to");
  }

  @Test
  @Order(3)
  void overflowObjectsWrittenWhileTheOperatorRunsAreReportedAndTheOthersGoOn() {
    String trainedBefore = get(BENIGN, "benign").getStatus().getLastTrainedTime();
    applyCrd(true);
    createRaw(HOSTILE, "threshold-after", s -> s.put("surge",
        Map.of("threshold", 3_000_000_000L)));
    createRaw(HOSTILE, "floor-after", s -> {
      s.put("surge", Map.of("threshold", 1));
      s.put("action", Map.of("type", "ScaleHPA", "surgeMinReplicas", 3_000_000_000L));
    });
    createRaw(HOSTILE, "f4-after", s -> windows(s, "1s", "1h", "7102w"));
    applyCrd(false);

    Map<String, String> expected = Map.of(
        "threshold-after", "spec.surge.threshold: cannot be read: 3000000000 is not a valid "
            + "Integer",
        "floor-after", "spec.action.surgeMinReplicas: cannot be read: 3000000000 is not a valid "
            + "Integer",
        "f4-after", "spec.horizon: 7102w at window 1s is 4,295,289,600 windows (limit 2,016)");
    expected.forEach((name, message) -> {
      await(name).atMost(TIMEOUT).until(() ->
          has(get(HOSTILE, name), ConditionType.READY, "False", Reasons.INVALID_SPEC));
      assertThat(message(HOSTILE, name)).isEqualTo(message);
    });
    await("benign trains on").atMost(TIMEOUT).until(() -> !get(BENIGN, "benign").getStatus()
        .getLastTrainedTime().equals(trainedBefore));
    assertThat(isReady(get(BENIGN, "benign"))).isTrue();
  }

  @Test
  @Order(4)
  void aPoisonedHistoryConfigMapIsHistoryCorruptAndCollectionStartsAfresh() {
    CountForecast hist = restartForecast(HOSTILE, "hist", "web", 12);
    client.resource(hist).create();
    String name = HistoryStore.configMapName("hist");
    await().atMost(TIMEOUT).until(() -> historyFormat(name) != null);

    Map<String, Map<String, String>> poisons = new LinkedHashMap<>();
    poisons.put("garbage", Map.of("samples", "garbage\n"));
    poisons.put("10^18 counts", Map.of("samples", "1800000000,1000000000000000000,1\n"));
    poisons.put("NaN exposure", Map.of("samples", "1800000000,1,NaN\n"));
    poisons.put("1 MB", Map.of("samples", "1".repeat(1_000_100)));
    Map<String, String> messages = Map.of(
        "garbage", "key 'samples' line 1: expected 'start,count,exposure', got 'garbage'",
        "10^18 counts", "count 1000000000000000000 is more than 1000000000000000",
        "NaN exposure", "exposure 'NaN' must be finite and non-negative",
        "1 MB", "characters of data, more than the 1000000 Countcast ever writes");
    String trainedBefore = get(BENIGN, "benign").getStatus().getLastTrainedTime();
    poisons.forEach((what, data) -> {
      // The tenant's edit races the operator's writes: retried on a conflict.
      await("edit " + what).atMost(TIMEOUT).ignoreExceptions().until(() -> {
        client.configMaps().inNamespace(HOSTILE).withName(name).edit(cm -> {
          cm.getData().putAll(data);
          return cm;
        });
        return true;
      });
      await(what).atMost(TIMEOUT).until(() ->
          has(get(HOSTILE, "hist"), ConditionType.READY, "False", Reasons.HISTORY_CORRUPT)
          && message(HOSTILE, "hist").contains(messages.get(what)));
      assertThat(message(HOSTILE, "hist")).startsWith("ConfigMap " + HOSTILE + "/" + name)
          .contains("collection started afresh");
      await(what + ": the fresh history replaces it").atMost(TIMEOUT)
          .until(() -> {
            ConfigMap cm = client.configMaps().inNamespace(HOSTILE).withName(name).get();
            return cm != null && "countcast-signal/v1".equals(cm.getData().get("format"))
                && !cm.getData().get("samples").contains(data.get("samples"));
          });
    });
    await("hist recovers").atMost(TIMEOUT).until(() -> isReady(get(HOSTILE, "hist")));
    await("benign trains on").atMost(TIMEOUT).until(() -> !get(BENIGN, "benign").getStatus()
        .getLastTrainedTime().equals(trainedBefore));
  }

  @Test
  @Order(5)
  void invalidHpaAnnotationsAreAnnotationInvalidAndNoWriteLeavesTheHpaLimits() {
    client.resource(TestWorkloads.cpuHpa(HOSTILE, "web", 1, 5)).create();
    CountForecast scaler = restartForecast(HOSTILE, "scaler", "web", 2);
    scaler.getSpec().setTrainEvery("2s");
    ActionSpec action = new ActionSpec();
    action.setType(ActionType.SCALE_HPA);
    action.setSurgeMinReplicas(3);
    action.setLeadTime("1m");
    action.setCooldown("3s");
    scaler.getSpec().setAction(action);
    FORECASTER.surge(true);
    client.resource(scaler).create();
    await("floor raised").atMost(TIMEOUT).until(() -> hpa().getSpec().getMinReplicas() == 3);
    String mine = HpaFloor.ownerKey(HOSTILE, "scaler");

    for (String value : List.of("-5", "99999999999999999999", "not-a-number")) {
      annotate(HpaFloor.ORIGINAL, value);
      await("AnnotationInvalid for original " + value).atMost(TIMEOUT).until(() ->
          warnings(HOSTILE, "scaler", Reasons.ANNOTATION_INVALID).stream()
              .anyMatch(e -> e.getMessage().contains(HpaFloor.ORIGINAL + "='"
                  + value.substring(0, Math.min(20, value.length())))));
      assertWithinLimitsFor(Duration.ofSeconds(3));
    }
    annotate(HpaFloor.ORIGINAL, "1");
    annotate(mine, "-7");
    await("AnnotationInvalid for the own floor").atMost(TIMEOUT).until(() ->
        warnings(HOSTILE, "scaler", Reasons.ANNOTATION_INVALID).stream()
            .anyMatch(e -> e.getMessage().contains(mine + "='-7'")));
    assertWithinLimitsFor(Duration.ofSeconds(3));

    FORECASTER.surge(false);
    try {
      await("floor restored after the surge").atMost(TIMEOUT)
          .until(() -> hpa().getSpec().getMinReplicas() == 1);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("HPA " + hpa().getSpec().getMinReplicas() + " "
          + hpa().getMetadata().getAnnotations() + "; action "
          + client.getKubernetesSerialization().asJson(get(HOSTILE, "scaler").getStatus()), e);
    }
  }

  @Test
  @Order(6)
  void theOperatorIsStillUpAndHealthy() throws Exception {
    HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + operator.httpPort() + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(isReady(get(BENIGN, "benign"))).isTrue();
  }

  private static void windows(Map<String, Object> spec, String window, String history,
      String horizon) {
    spec.put("window", window);
    spec.put("history", history);
    spec.put("horizon", horizon);
    spec.put("minSamples", 2);
  }

  /** The CRD as generated, or as before issue 13 (no maximums, no window-count rules). */
  private static void applyCrd(boolean old) {
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(CRD)) {
      crd = (CustomResourceDefinition) client.load(in).items().get(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (old) {
      JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
          .getProperties().get("spec");
      spec.getXKubernetesValidations().removeIf(v -> v.getMessage().contains("÷"));
      spec.getProperties().get("minSamples").setMaximum(null);
      spec.getProperties().get("surge").getProperties().get("threshold").setMaximum(null);
      spec.getProperties().get("action").getProperties().get("surgeMinReplicas")
          .setMaximum(null);
    }
    client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts()
        .serverSideApply();
    CustomResourceDefinitions.awaitEstablished(client, crd.getMetadata().getName());
  }

  private static Map<String, Object> baseSpec() {
    Map<String, Object> spec = new HashMap<>();
    spec.put("targetRef", Map.of("kind", "Deployment", "name", "web"));
    spec.put("signal", Map.of("podRestarts", Map.of()));
    spec.put("model", Map.of("seasonality", List.of()));
    return spec;
  }

  private static GenericKubernetesResource rawForecast(String ns, String name,
      Consumer<Map<String, Object>> edit) {
    Map<String, Object> spec = baseSpec();
    edit.accept(spec);
    GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
        .withApiVersion("countcast.io/v1alpha1").withKind("CountForecast")
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata().build();
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  /** Creates with a raw (untyped) call; retried while a just-applied CRD schema propagates. */
  private static void createRaw(String ns, String name, Consumer<Map<String, Object>> edit) {
    await("create " + name).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      client.genericKubernetesResources("countcast.io/v1alpha1", "CountForecast")
          .inNamespace(ns).resource(rawForecast(ns, name, edit)).create();
      return true;
    });
  }

  private static void assertRefused(Consumer<Map<String, Object>> edit, String message) {
    assertThatThrownBy(() -> client.genericKubernetesResources("countcast.io/v1alpha1",
        "CountForecast").inNamespace(BENIGN).resource(rawForecast(BENIGN, "refused", edit))
        .create())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining(message);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(String ns, String name) {
    return (Map<String, Object>) client.genericKubernetesResources("countcast.io/v1alpha1",
        "CountForecast").inNamespace(ns).withName(name).get().getAdditionalProperties()
        .get("spec");
  }

  private static CountForecast get(String ns, String name) {
    return client.resources(CountForecast.class).inNamespace(ns).withName(name).get();
  }

  private static String message(String ns, String name) {
    return condition(get(ns, name), ConditionType.READY).orElseThrow().getMessage();
  }

  private static String historyFormat(String name) {
    ConfigMap cm = client.configMaps().inNamespace(HOSTILE).withName(name).get();
    return cm == null || cm.getData() == null ? null : cm.getData().get("format");
  }

  private static List<Event> warnings(String ns, String name, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "CountForecast".equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason())).toList();
  }

  private static HorizontalPodAutoscaler hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(HOSTILE)
        .withName("web").get();
  }

  /** The tenant edits an annotation; retried when it races an operator write. */
  private static void annotate(String key, String value) {
    await("annotate " + key).atMost(TIMEOUT).ignoreExceptions().until(() -> {
      client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(HOSTILE).withName("web")
          .edit(h -> {
            h.getMetadata().getAnnotations().put(key, value);
            return h;
          });
      return true;
    });
  }

  /** minReplicas stays within 1..maxReplicas (5) the whole time. */
  private static void assertWithinLimitsFor(Duration period) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      assertThat(hpa().getSpec().getMinReplicas()).isBetween(1, 5);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
