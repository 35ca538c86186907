package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applies the generated CRD to a real kube-apiserver (fabric8 kube-api-test, binaries from
 * ~/.kubeapitest) and checks that the schema and CEL rules accept the examples, fill in the
 * defaults and reject what they should, with the message a user would see.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class CrdSchemaIT {

  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  /** Injected by kube-api-test-client-inject. */
  static KubernetesClient client;

  private static final String NAMESPACE = "default";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> countForecasts;

  @BeforeAll
  static void applyCrd() {
    CustomResourceDefinition crd = GeneratedCrd.crd();
    client.resource(crd).create();
    CustomResourceDefinitions.awaitEstablished(client, crd.getMetadata().getName());
    countForecasts = client.genericKubernetesResources(CustomResourceDefinitionContext.fromCrd(crd));
  }

  @ParameterizedTest
  @ValueSource(strings = {"countforecast-restarts.yaml", "countforecast-errors.yaml",
      "countforecast-slo.yaml"})
  void examplesAreAccepted(String example) throws Exception {
    ObjectNode resource = (ObjectNode) KUBE.unmarshal(
        Files.readString(Path.of("examples", example)), JsonNode.class);
    ((ObjectNode) resource.get("metadata")).put("namespace", NAMESPACE);

    GenericKubernetesResource created = create(resource);

    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  @Test
  void defaultsAreFilledInByTheApiServer() {
    GenericKubernetesResource created = create(minimal());

    JsonNode spec = KUBE.convertValue(created, JsonNode.class).get("spec");
    assertThat(spec.get("window").asText()).isEqualTo("5m");
    assertThat(spec.get("history").asText()).isEqualTo("7d");
    assertThat(spec.get("horizon").asText()).isEqualTo("1h");
    assertThat(spec.get("trainEvery").asText()).isEqualTo("15m");
    assertThat(spec.get("minSamples").asInt()).isEqualTo(48);
    assertThat(spec.at("/targetRef/apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(spec.at("/model/family").asText()).isEqualTo("auto");
    assertThat(spec.at("/model/seasonality/0").asText()).isEqualTo("daily");
    assertThat(spec.at("/model/trend").asBoolean(true)).isFalse();
    assertThat(spec.at("/action/type").asText()).isEqualTo("None");
    assertThat(spec.at("/action/leadTime").asText()).isEqualTo("10m");
    assertThat(spec.at("/action/cooldown").asText()).isEqualTo("30m");
    assertThat(spec.at("/action/dryRun").asBoolean(true)).isFalse();
  }

  /**
   * Writes a status through the status subresource and asks the API server for the table kubectl
   * prints, so the printer columns' JSONPaths are checked against real data.
   */
  @Test
  void printerColumnsShowTheStatus() throws Exception {
    GenericKubernetesResource created = create(minimal());
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("signalKind", "podRestarts").put("expectedNext", 2.5).put("upperNext", 6)
        .put("surgeProbability", 0.25);
    status.putObject("model").put("family", "nb2");
    status.putArray("conditions").addObject().put("type", ConditionType.READY).put("status", "True")
        .put("reason", "Forecasting").put("message", "forecast published")
        .put("lastTransitionTime", "2026-11-26T10:00:00Z");
    created.setAdditionalProperty("status", status);
    countForecasts.inNamespace(NAMESPACE).resource(created).updateStatus();

    HttpClient http = client.getHttpClient();
    String url = client.getMasterUrl() + "apis/" + CountForecast.GROUP + "/" + CountForecast.VERSION
        + "/namespaces/" + NAMESPACE + "/countforecasts/" + created.getMetadata().getName();
    HttpResponse<String> table = http.sendAsync(http.newHttpRequestBuilder().uri(url)
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), String.class)
        .get(30, TimeUnit.SECONDS);
    JsonNode json = KUBE.unmarshal(table.body(), JsonNode.class);
    List<String> columns = new ArrayList<>();
    json.get("columnDefinitions").forEach(c -> columns.add(c.get("name").asText()));
    JsonNode cells = json.at("/rows/0/cells");

    assertThat(cells.get(columns.indexOf("Signal")).asText()).isEqualTo("podRestarts");
    assertThat(cells.get(columns.indexOf("Family")).asText()).isEqualTo("nb2");
    assertThat(cells.get(columns.indexOf("Expected")).asDouble()).isEqualTo(2.5);
    assertThat(cells.get(columns.indexOf("Upper")).asInt()).isEqualTo(6);
    assertThat(cells.get(columns.indexOf("SurgeP")).asDouble()).isEqualTo(0.25);
    assertThat(cells.get(columns.indexOf("Ready")).asText()).isEqualTo("True");
    assertThat(columns).contains("Age");
  }

  @Test
  void resourceWithoutSpecIsRejected() {
    ObjectNode resource = minimal();
    resource.remove("spec");

    assertThatThrownBy(() -> create(resource))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec: Required value");
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        invalid("malformed window", s -> s.put("window", "5 minutes"), "spec.window"),
        invalid("milliseconds", s -> s.put("window", "500ms"), "spec.window"),
        invalid("units out of order", s -> s.put("history", "30m1h"), "spec.history"),
        invalid("zero duration", s -> s.put("trainEvery", "0m"),
            PromDuration.NON_ZERO_MESSAGE),
        invalid("horizon shorter than window", s -> s.put("window", "1h").put("horizon", "30m"),
            "horizon must be at least one window long"),
        invalid("probability 1.0", s -> surge(s).put("probability", 1.0),
            "probability must be strictly between 0 and 1"),
        invalid("probability 0", s -> surge(s).put("probability", 0),
            "probability must be strictly between 0 and 1"),
        invalid("both signals", s -> signal(s).putObject("prometheus").put("query", "up"),
            "set exactly one of signal.podRestarts or signal.prometheus"),
        invalid("no signal", s -> signal(s).remove("podRestarts"),
            "set exactly one of signal.podRestarts or signal.prometheus"),
        invalid("minSamples below 2", s -> s.put("minSamples", 1), "spec.minSamples"),
        invalid("negative threshold", s -> surge(s).put("threshold", -1), "spec.surge.threshold"),
        invalid("unsupported target kind", s -> ((ObjectNode) s.get("targetRef"))
            .put("kind", "Pod"), "spec.targetRef.kind"),
        invalid("target without name", s -> ((ObjectNode) s.get("targetRef")).remove("name"),
            "spec.targetRef.name"),
        invalid("unknown family", s -> s.putObject("model").put("family", "gaussian"),
            "spec.model.family"),
        invalid("action without surge", s -> s.putObject("action").put("type", "Annotate"),
            "surge must be set when action.type is not None"),
        invalid("slo on the restart signal", s -> slo(s, "99.9", "30d"),
            CountForecastSpec.SLO_NEEDS_REQUESTS_MESSAGE),
        invalid("slo without exposureQuery", s -> {
          signal(s).remove("podRestarts");
          signal(s).putObject("prometheus").put("query", "sum(increase(e[$window]))");
          slo(s, "99.9", "30d");
        }, CountForecastSpec.SLO_NEEDS_REQUESTS_MESSAGE),
        invalid("slo objective 0", s -> slo(prometheusWithRequests(s), "0", "30d"),
            "objective must be more than 0 and at most 100"),
        invalid("slo objective above 100", s -> slo(prometheusWithRequests(s), "100.5", "30d"),
            "objective must be more than 0 and at most 100"),
        invalid("slo objective with a percent sign", s -> slo(prometheusWithRequests(s), "99.9%",
            "30d"), "spec.slo.objective"),
        invalid("slo period of 91d", s -> slo(prometheusWithRequests(s), "99.9", "91d"),
            "period must be 1h to 90d"),
        invalid("slo period of 30m", s -> slo(prometheusWithRequests(s), "99.9", "30m"),
            "period must be 1h to 90d"),
        invalid("ScaleHPA without floor", s -> {
          surge(s);
          s.putObject("action").put("type", "ScaleHPA");
        }, "action.surgeMinReplicas or action.surgeTargetUtilization is required when "
            + "action.type is ScaleHPA"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void invalidSpecIsRejected(String name, Consumer<ObjectNode> breakSpec, String message) {
    ObjectNode resource = minimal();
    breakSpec.accept((ObjectNode) resource.get("spec"));

    assertThatThrownBy(() -> create(resource))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(message);
  }

  @Test
  void anSloOnAPrometheusSignalWithRequestsIsAccepted() {
    ObjectNode resource = minimal();
    ObjectNode spec = (ObjectNode) resource.get("spec");
    slo(prometheusWithRequests(spec), "100", "90d");

    assertThat(create(resource).getMetadata().getUid()).isNotBlank();
  }

  private static ObjectNode slo(ObjectNode spec, String objective, String period) {
    spec.putObject("slo").put("objective", objective).put("period", period);
    return spec;
  }

  /** The spec with a Prometheus signal whose exposureQuery counts requests. */
  private static ObjectNode prometheusWithRequests(ObjectNode spec) {
    signal(spec).remove("podRestarts");
    signal(spec).putObject("prometheus").put("query", "sum(increase(e[$window]))")
        .put("exposureQuery", "sum(increase(r[$window]))");
    return spec;
  }

  private static Arguments invalid(String name, Consumer<ObjectNode> breakSpec, String message) {
    return Arguments.of(name, breakSpec, message);
  }

  /** A valid resource with only the required fields. */
  private static ObjectNode minimal() {
    ObjectNode resource = JsonNodeFactory.instance.objectNode();
    resource.put("apiVersion", CountForecast.GROUP + "/" + CountForecast.VERSION);
    resource.put("kind", "CountForecast");
    resource.putObject("metadata").put("name", "cf-" + NAMES.incrementAndGet())
        .put("namespace", NAMESPACE);
    ObjectNode spec = resource.putObject("spec");
    spec.putObject("targetRef").put("kind", "Deployment").put("name", "checkout");
    spec.putObject("signal").putObject("podRestarts");
    return resource;
  }

  private static ObjectNode signal(ObjectNode spec) {
    return (ObjectNode) spec.get("signal");
  }

  /** The spec's surge object, created with a valid threshold if absent. */
  private static ObjectNode surge(ObjectNode spec) {
    return spec.has("surge") ? (ObjectNode) spec.get("surge")
        : spec.putObject("surge").put("threshold", 5);
  }

  private static GenericKubernetesResource create(ObjectNode resource) {
    GenericKubernetesResource generic =
        KUBE.convertValue(resource, GenericKubernetesResource.class);
    return countForecasts.inNamespace(NAMESPACE).resource(generic).create();
  }
}
