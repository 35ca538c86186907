package io.countcast.operator;

import static io.countcast.operator.TestForecasts.restartForecast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.HeadroomSpec;
import io.countcast.testing.ControlPlane;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.signal.prometheus.LocalPrometheus;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Headroom action end to end on a real control plane (kube-apiserver and
 * kube-controller-manager): the real operator with a {@link ScriptedForecaster}, a placeholder
 * Deployment at 0 replicas (the controller-manager's Deployment controller creates the pods it
 * asks for), and cluster-autoscaler's real CapacityBuffer CRD (pinned in
 * src/test/resources/crds/capacitybuffer, see SOURCE.md there). Forecasts use 1 s windows,
 * trainEvery 2 s and a 3 s cooldown.
 */
class HeadroomControlPlaneIT {

  @RegisterExtension
  static final ControlPlane CONTROL_PLANE = new ControlPlane();

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PLACEHOLDER = "countcast-headroom";
  private static final String BUFFER = "web-buffer";

  private static KubernetesClient client;

  private final ScriptedForecaster forecaster = new ScriptedForecaster(Clock.systemUTC());
  private String ns;
  private CountcastOperator operator;

  @BeforeAll
  static void installCrds() {
    client = CONTROL_PLANE.client();
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    CustomResourceDefinitions.applyFromFile(client, Path.of("src", "test", "resources", "crds",
        "capacitybuffer", "autoscaling.x-k8s.io_capacitybuffers.yaml"));
  }

  @BeforeEach
  void namespaceAndOperator(TestInfo test) throws IOException {
    ns = test.getTestMethod().orElseThrow().getName().replaceAll("([A-Z])", "-$1").toLowerCase()
        .substring(0, 20).replaceAll("-$", "");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    client.resource(TestWorkloads.deployment(ns, "web", 1)).create();
    client.resource(TestWorkloads.deployment(ns, PLACEHOLDER, 0)).create();
    forecaster.surge(true);
    OperatorSettings settings = OperatorSettings.defaults().withNamespaces(Set.of(ns))
        .withHttp("127.0.0.1", 0).withLeaderElection(false, null, null);
    operator = CountcastOperator.start(client, false, settings, forecaster, Clock.systemUTC());
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aSurgeRaisesThePlaceholderWhosePodsAreCreatedAndTheCooldownPutsItBack() {
    client.resource(headroom("web", PLACEHOLDER, null, 4, null)).create();

    await("placeholder raised").atMost(TIMEOUT).until(() -> replicas() == 4);
    assertThat(placeholder().get().getMetadata().getAnnotations())
        .containsEntry(HpaFloor.ORIGINAL_REPLICAS, "0")
        .containsEntry(HpaFloor.ownerKey(ns, "web"), "4");
    await("the Deployment controller creates the placeholder pods").atMost(TIMEOUT)
        .until(() -> placeholder().get().getStatus() != null
            && Integer.valueOf(4).equals(placeholder().get().getStatus().getReplicas()));
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);
    ActionStatus action = action("web");
    assertThat(action.getObject()).isEqualTo("Deployment/" + PLACEHOLDER);
    assertThat(action.getOriginalMinReplicas()).isZero();
    assertThat(action.getAppliedMinReplicas()).isEqualTo(4);
    assertThat(action.getReason()).isEqualTo(
        "raised replicas 0 to 4 for a surge forecast within leadTime");
    assertThat(actionReady("web")).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", Reasons.ACTION_APPLIED);

    forecaster.surge(false);

    await("placeholder back after the cooldown").atMost(TIMEOUT).until(() -> replicas() == 0);
    assertThat(placeholder().get().getMetadata().getAnnotations())
        .doesNotContainKeys(HpaFloor.ORIGINAL_REPLICAS, HpaFloor.ownerKey(ns, "web"));
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.IDLE);
  }

  @Test
  void deletingTheCountForecastWhileRaisedPutsThePlaceholderBack() {
    client.resource(headroom("web", PLACEHOLDER, null, 4, null)).create();
    await("placeholder raised").atMost(TIMEOUT).until(() -> replicas() == 4);
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);

    client.resources(CountForecast.class).inNamespace(ns).withName("web").delete();

    await().atMost(TIMEOUT).until(() -> forecast("web") == null);
    assertThat(replicas()).isZero();
    assertThat(placeholder().get().getMetadata().getAnnotations())
        .doesNotContainKeys(HpaFloor.ORIGINAL_REPLICAS, HpaFloor.ownerKey(ns, "web"));
  }

  @Test
  void aGitOpsEditOfThePlaceholderWinsAndIsReportedInActionReady() throws Exception {
    client.resource(headroom("web", PLACEHOLDER, null, 4, null)).create();
    await("placeholder raised").atMost(TIMEOUT).until(() -> replicas() == 4);

    // Argo CD syncing a Git change of replicas: server-side apply, its own field manager.
    client.resource(TestWorkloads.deployment(ns, PLACEHOLDER, 7)).fieldManager("argocd")
        .forceConflicts().serverSideApply();

    await("ExternalChange").atMost(TIMEOUT).until(() ->
        state("web") == ActionState.EXTERNAL_CHANGE);
    assertThat(actionReady("web")).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", Reasons.EXTERNAL_CHANGE);
    await().atMost(TIMEOUT).until(() -> !placeholder().get().getMetadata().getAnnotations()
        .containsKey(HpaFloor.ownerKey(ns, "web")));

    Thread.sleep(3_000); // the surge is still forecast: the placeholder is left alone
    assertThat(replicas()).isEqualTo(7);

    forecaster.surge(false);
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.IDLE);
    assertThat(replicas()).isEqualTo(7);
  }

  @Test
  void twoForecastsSharingOnePlaceholderTheHigherWinsAndEachRestoresOnlyItsOwn() {
    client.resource(headroom("low", PLACEHOLDER, null, 3, null)).create();
    client.resource(headroom("high", PLACEHOLDER, null, 5, null)).create();

    await("the higher headroom wins").atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(replicas()).isEqualTo(5);
      assertThat(placeholder().get().getMetadata().getAnnotations())
          .containsEntry(HpaFloor.ORIGINAL_REPLICAS, "0")
          .containsEntry(HpaFloor.ownerKey(ns, "low"), "3")
          .containsEntry(HpaFloor.ownerKey(ns, "high"), "5");
    });

    client.resources(CountForecast.class).inNamespace(ns).withName("high")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"action\":{\"type\":\"None\"}}}");
    await("back to the lower owner's headroom").atMost(TIMEOUT).until(() -> replicas() == 3);
    assertThat(placeholder().get().getMetadata().getAnnotations())
        .containsEntry(HpaFloor.ownerKey(ns, "low"), "3")
        .doesNotContainKey(HpaFloor.ownerKey(ns, "high"));
    await().atMost(TIMEOUT).until(() -> state("high") == ActionState.IDLE);
    assertThat(state("low")).isEqualTo(ActionState.RAISED);

    forecaster.surge(false);
    await("the original after the last owner's cooldown").atMost(TIMEOUT)
        .until(() -> replicas() == 0);
    assertThat(placeholder().get().getMetadata().getAnnotations())
        .doesNotContainKeys(HpaFloor.ORIGINAL_REPLICAS, HpaFloor.ownerKey(ns, "low"));
  }

  @Test
  void aMissingPlaceholderIsActionReadyFalsePlaceholderNotFound() {
    client.resource(headroom("web", "no-such-placeholder", null, 4, null)).create();

    await("PlaceholderNotFound").atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
        assertThat(actionReady("web")).extracting(Condition::getStatus, Condition::getReason,
            Condition::getMessage).containsExactly("False", Reasons.PLACEHOLDER_NOT_FOUND,
                "placeholder Deployment " + ns + "/no-such-placeholder does not exist"));
    assertThat(replicas()).isZero();
  }

  @Test
  void aCapacityBufferIsSizedByTheForecastRaisedAndPutBack() {
    createBuffer();
    // ScriptedForecaster's surge windows have upper bound 20: ceil(0.2 x 20) = 4 chunks.
    client.resource(headroom("web", null, BUFFER, null, 0.2)).create();

    await("buffer raised").atMost(TIMEOUT).until(() -> bufferReplicas() == 4);
    assertThat(buffer().get().getMetadata().getAnnotations())
        .containsEntry(HpaFloor.ORIGINAL_REPLICAS, "0")
        .containsEntry(HpaFloor.ownerKey(ns, "web"), "4");
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);
    assertThat(action("web").getObject()).isEqualTo("CapacityBuffer/" + BUFFER);

    forecaster.surge(false);

    await("buffer back after the cooldown").atMost(TIMEOUT).until(() -> bufferReplicas() == 0);
    assertThat(buffer().get().getMetadata().getAnnotations())
        .doesNotContainKeys(HpaFloor.ORIGINAL_REPLICAS, HpaFloor.ownerKey(ns, "web"));
  }

  @Test
  void aBufferRaisedWhenItsCountForecastIsDeletedIsPutBack() {
    createBuffer();
    client.resource(headroom("web", null, BUFFER, 6, null)).create();
    await("buffer raised").atMost(TIMEOUT).until(() -> bufferReplicas() == 6);
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);

    client.resources(CountForecast.class).inNamespace(ns).withName("web").delete();

    await().atMost(TIMEOUT).until(() -> forecast("web") == null);
    assertThat(bufferReplicas()).isZero();
  }

  /** Every object of examples/headroom/ is accepted by the API server and its CRDs. */
  @Test
  void theHeadroomExamplesApply() throws IOException {
    String examples = ns + "-x"; // this test's namespace has its own placeholder already
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(examples)
        .endMetadata().build()).create();
    for (String file : new String[] {"placeholder.yaml", "capacitybuffer.yaml",
        "countforecast-headroom.yaml"}) {
      String yaml = Files.readString(Path.of("examples", "headroom", file))
          .replace("namespace: shop", "namespace: " + examples);
      for (HasMetadata object : client.load(new ByteArrayInputStream(
          yaml.getBytes(StandardCharsets.UTF_8))).items()) {
        client.resource(object).fieldManager("test").forceConflicts().serverSideApply();
      }
    }
    assertThat(client.genericKubernetesResources(CapacityBufferReplicas.CONTEXT)
        .inNamespace(examples).withName("checkout-buffer").get()).isNotNull();
    assertThat(client.resources(CountForecast.class).inNamespace(examples).list().getItems())
        .extracting(f -> f.getSpec().getAction().getType())
        .containsOnly(ActionType.HEADROOM).hasSize(2);
  }

  /**
   * The PromQL of docs/autoscaling.md's ScaledObject, run on a real Prometheus scraping this
   * operator's /metrics, returns the forecast: the upper bound within leadTime (the scripted
   * surge windows' 20) and 6 while a surge is due.
   */
  @Test
  void theDocsPromQlReturnsTheForecastFromAPrometheusScrapingTheOperator() throws Exception {
    CountForecast forecast = restartForecast(ns, "checkout-errors", "web", 2);
    forecast.getSpec().setTrainEvery("2s");
    client.resource(forecast).create();
    await("a forecast").atMost(TIMEOUT).ignoreExceptions().until(() ->
        forecast("checkout-errors").getStatus().getForecast() != null);
    List<String> queries = new ArrayList<>();
    Matcher m = Pattern.compile("query: (.+)").matcher(
        Files.readString(Path.of("docs", "autoscaling.md")));
    while (m.find()) {
      queries.add(m.group(1).strip().replace("namespace=\"shop\"", "namespace=\"" + ns + "\""));
    }
    assertThat(queries).hasSize(2);

    try (LocalPrometheus prometheus = LocalPrometheus.create()) {
      prometheus.start("127.0.0.1:" + operator.httpPort());
      await("the upper bound within leadTime").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2)).until(() -> query(prometheus, queries.get(0)),
              v -> v == 20.0);
      await("6 replicas while a surge is due").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2)).until(() -> query(prometheus, queries.get(1)),
              v -> v == 6.0);
    }
  }

  /** The value of an instant query's single result, or NaN when there is none yet. */
  private static double query(LocalPrometheus prometheus, String promql) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        prometheus.baseUrl().resolve("/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode result = new ObjectMapper().readTree(response.body()).path("data").path("result");
    return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asText())
        : Double.NaN;
  }

  /** A PodTemplate and a CapacityBuffer of 0 chunks shaped by it, as examples/headroom. */
  private void createBuffer() {
    client.resource(new PodTemplateBuilder().withNewMetadata().withNamespace(ns)
        .withName("web-chunk").endMetadata().withNewTemplate().withNewSpec().addNewContainer()
        .withName("chunk").withImage("registry.k8s.io/pause:3.10").endContainer().endSpec()
        .endTemplate().build()).create();
    GenericKubernetesResource buffer = new GenericKubernetesResourceBuilder()
        .withApiVersion("autoscaling.x-k8s.io/v1beta1").withKind("CapacityBuffer")
        .withNewMetadata().withNamespace(ns).withName(BUFFER).endMetadata()
        .addToAdditionalProperties("spec", Map.of("podTemplateRef", Map.of("name", "web-chunk"),
            "replicas", 0))
        .build();
    client.genericKubernetesResources(CapacityBufferReplicas.CONTEXT).inNamespace(ns)
        .resource(buffer).create();
  }

  /** A CountForecast of Deployment web's restarts with a Headroom action, 3 s cooldown. */
  private CountForecast headroom(String name, String deployment, String buffer,
      Integer replicas, Double podsPerUnit) {
    CountForecast forecast = restartForecast(ns, name, "web", 2);
    forecast.getSpec().setTrainEvery("2s");
    ActionSpec action = new ActionSpec();
    action.setType(ActionType.HEADROOM);
    HeadroomSpec headroom = new HeadroomSpec();
    headroom.setDeploymentName(deployment);
    headroom.setCapacityBufferName(buffer);
    headroom.setReplicas(replicas);
    if (podsPerUnit != null) {
      HeadroomSpec.ReplicasFromForecast derived = new HeadroomSpec.ReplicasFromForecast();
      derived.setPodsPerUnit(podsPerUnit);
      headroom.setReplicasFromForecast(derived);
    }
    action.setHeadroom(headroom);
    action.setLeadTime("1m");
    action.setCooldown("3s");
    forecast.getSpec().setAction(action);
    return forecast;
  }

  private Resource<Deployment> placeholder() {
    return client.apps().deployments().inNamespace(ns).withName(PLACEHOLDER);
  }

  private int replicas() {
    return placeholder().get().getSpec().getReplicas();
  }

  private Resource<GenericKubernetesResource> buffer() {
    return client.genericKubernetesResources(CapacityBufferReplicas.CONTEXT).inNamespace(ns)
        .withName(BUFFER);
  }

  private int bufferReplicas() {
    return ((Number) buffer().get().get("spec", "replicas")).intValue();
  }

  private CountForecast forecast(String name) {
    return ForecastReads.forecast(client, ns, name);
  }

  private ActionStatus action(String name) {
    return ForecastReads.action(client, ns, name);
  }

  private ActionState state(String name) {
    return ForecastReads.state(client, ns, name);
  }

  private Condition actionReady(String name) {
    return ForecastReads.condition(client, ns, name, ConditionType.ACTION_READY);
  }
}
