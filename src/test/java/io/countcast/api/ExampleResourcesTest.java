package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.countcast.model.Family;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented examples deserialize into the API types and survive a Jackson round trip. */
class ExampleResourcesTest {

  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  private static CountForecast read(String name) throws IOException {
    return KUBE.unmarshal(Files.readString(example(name)), CountForecast.class);
  }

  private static Path example(String name) {
    return Path.of("examples", name);
  }

  @Test
  void restartsExample() throws IOException {
    CountForecast cf = read("countforecast-restarts.yaml");
    CountForecastSpec spec = cf.getSpec();

    assertThat(cf.getMetadata().getName()).isEqualTo("checkout-restarts");
    assertThat(spec.getTargetRef().getKind()).isEqualTo(TargetKind.DEPLOYMENT);
    assertThat(spec.getTargetRef().getName()).isEqualTo("checkout");
    assertThat(spec.getSignal().getPrometheus()).isNull();
    assertThat(spec.getSignal().getPodRestarts().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "checkout"));
    assertThat(PromDuration.parse(spec.getWindow())).hasMinutes(5);
    assertThat(PromDuration.parse(spec.getHistory())).hasDays(7);
    assertThat(spec.getMinSamples()).isEqualTo(48);
    assertThat(spec.getModel().getFamily()).isEqualTo(FamilyChoice.AUTO);
    assertThat(spec.getModel().getFamily().family()).isEmpty();
    assertThat(spec.getModel().getSeasonality()).containsExactly(Seasonality.DAILY);
    assertThat(spec.getSurge().getThreshold()).isEqualTo(3);
    assertThat(spec.getSurge().getProbability()).isEqualTo(0.7);
    assertThat(spec.getAction().getType()).isEqualTo(ActionType.SCALE_HPA);
    assertThat(spec.getAction().getSurgeMinReplicas()).isEqualTo(6);
    assertThat(spec.getAction().getDryRun()).isFalse();
  }

  @Test
  void errorsExample() throws IOException {
    CountForecastSpec spec = read("countforecast-errors.yaml").getSpec();
    PrometheusSignal prometheus = spec.getSignal().getPrometheus();

    assertThat(spec.getSignal().getPodRestarts()).isNull();
    assertThat(prometheus.getQuery()).contains("code=~\"5..\"").contains("[$window]");
    assertThat(prometheus.getExposureQuery()).contains("http_requests_total{job=\"checkout\"}");
    assertThat(prometheus.getBearerTokenSecretRef().getKey()).isEqualTo("token");
    assertThat(prometheus.getBasicAuthSecretRef()).isNull();
    assertThat(prometheus.getCaSecretRef().getName()).isEqualTo("prometheus-ca");
    assertThat(spec.getModel().getFamily().family()).contains(Family.NB2);
    assertThat(spec.getModel().getSeasonality())
        .containsExactly(Seasonality.DAILY, Seasonality.WEEKLY);
    assertThat(spec.getAction().getType()).isEqualTo(ActionType.ANNOTATE);
    // Not in the file: the Java default, which equals the schema default.
    assertThat(spec.getAction().getLeadTime()).isEqualTo("10m");
  }

  @Test
  void sloExample() throws IOException {
    CountForecastSpec spec = read("countforecast-slo.yaml").getSpec();

    assertThat(spec.getSlo().getObjective()).isEqualTo("99.9");
    assertThat(spec.getSlo().getPeriod()).isEqualTo("30d");
    assertThat(spec.getSignal().getPrometheus().getExposureQuery())
        .isEqualTo("sum(increase(http_requests_total{job=\"checkout\"}[$window]))");
    assertThat(PromDuration.parse(spec.getHorizon())).hasHours(6);
  }

  /**
   * Every field written in the example comes back, with the same value, after deserializing and
   * serializing again; a misspelled field would be dropped by Jackson and fail here.
   */
  @ParameterizedTest
  @ValueSource(strings = {"countforecast-restarts.yaml", "countforecast-errors.yaml",
      "countforecast-slo.yaml"})
  void roundTripKeepsEveryField(String name) throws IOException {
    JsonNode written = KUBE.unmarshal(Files.readString(example(name)), JsonNode.class);
    CountForecast cf = read(name);
    JsonNode serialized = KUBE.convertValue(cf, JsonNode.class);
    CountForecast again = KUBE.unmarshal(KUBE.asYaml(cf), CountForecast.class);

    List<String> differences = new ArrayList<>();
    collectMissing("", written, serialized, differences);
    assertThat(differences).isEmpty();
    JsonNode reserialized = KUBE.convertValue(again, JsonNode.class);
    assertThat(reserialized).isEqualTo(serialized);
  }

  @Test
  void statusRoundTrip() {
    CountForecastStatus status = new CountForecastStatus();
    status.setObservedGeneration(3L);
    status.setSignalKind("prometheus");
    ModelStatus model = new ModelStatus();
    model.setFamily("nb2");
    model.setTheta(1.6);
    CoefficientStatus intercept = new CoefficientStatus();
    intercept.setTerm("(Intercept)");
    intercept.setEstimate(3.02);
    intercept.setStdError(0.30);
    model.getCoefficients().add(intercept);
    status.setModel(model);
    ActionStatus action = new ActionStatus();
    action.setState(ActionState.EXTERNAL_CHANGE);
    status.setAction(action);
    status.getConditions().add(new io.fabric8.kubernetes.api.model.ConditionBuilder()
        .withType(ConditionType.READY).withStatus("True").withReason("Forecasting").build());

    JsonNode json = KUBE.convertValue(status, JsonNode.class);
    assertThat(json.at("/action/state").asText()).isEqualTo("ExternalChange");
    assertThat(json.at("/model/coefficients/0/stdError").asDouble()).isEqualTo(0.30);
    assertThat(json.at("/conditions/0/type").asText()).isEqualTo("Ready");
    assertThat(json.has("stale")).as("unset fields are omitted").isFalse();

    CountForecastStatus back =
        KUBE.unmarshal(KUBE.asJson(status), CountForecastStatus.class);
    JsonNode backJson = KUBE.convertValue(back, JsonNode.class);
    assertThat(backJson).isEqualTo(json);
  }

  private static void collectMissing(String path, JsonNode expected, JsonNode actual,
      List<String> differences) {
    if (expected.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode other = actual.get(field.getKey());
        String childPath = path + "/" + field.getKey();
        if (other == null) {
          differences.add(childPath + " was dropped");
        } else {
          collectMissing(childPath, field.getValue(), other, differences);
        }
      }
    } else if (!expected.equals(actual)) {
      differences.add(path + ": wrote " + expected + ", read back " + actual);
    }
  }
}
