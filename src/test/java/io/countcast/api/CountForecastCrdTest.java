package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What users and kubectl rely on in the generated CRD. */
class CountForecastCrdTest {

  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  /**
   * Properties whose schema comes from fabric8 model classes (LabelSelector, Condition): their
   * inner fields carry no descriptions of ours, so the walk stops at them.
   */
  private static final Set<String> FOREIGN_TYPES =
      Set.of(".spec.signal.podRestarts.selector", ".status.conditions");

  private final CustomResourceDefinitionVersion version =
      GeneratedCrd.crd().getSpec().getVersions().get(0);

  @Test
  void namesGroupVersionAndScope() {
    var spec = GeneratedCrd.crd().getSpec();
    assertThat(spec.getGroup()).isEqualTo("countcast.io");
    assertThat(spec.getNames().getKind()).isEqualTo("CountForecast");
    assertThat(spec.getNames().getPlural()).isEqualTo("countforecasts");
    assertThat(spec.getNames().getShortNames()).containsExactly("cf");
    assertThat(spec.getScope()).isEqualTo("Namespaced");
    assertThat(version.getName()).isEqualTo("v1alpha1");
  }

  @Test
  void specIsRequired() {
    assertThat(GeneratedCrd.rootSchema().getRequired()).containsExactly("spec");
  }

  @Test
  void statusSubresourceIsEnabled() {
    assertThat(version.getSubresources()).isNotNull();
    assertThat(version.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void printerColumns() {
    // The generator orders columns by jsonPath, so compare as a set of name -> path/type.
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName,
            CustomResourceColumnDefinition::getJsonPath, CustomResourceColumnDefinition::getType)
        .containsExactlyInAnyOrder(
            tuple("Signal", ".status.signalKind", "string"),
            tuple("Family", ".status.model.family", "string"),
            tuple("Expected", ".status.expectedNext", "number"),
            tuple("Upper", ".status.upperNext", "integer"),
            tuple("SurgeP", ".status.surgeProbability", "number"),
            tuple("Ready",
                ".status.conditions[?(@.type==\"Ready\")].status", "string"),
            tuple("Action",
                ".status.conditions[?(@.type==\"ActionReady\")].reason", "string"),
            tuple("Age", ".metadata.creationTimestamp", "date"));
  }

  @Test
  void everySpecAndStatusFieldHasADescription() {
    List<String> undescribed = new ArrayList<>();
    List<String> described = new ArrayList<>();
    JSONSchemaProps root = GeneratedCrd.rootSchema();
    for (String top : List.of("spec", "status")) {
      collectDescriptions("." + top, root.getProperties().get(top), described, undescribed);
    }
    assertThat(undescribed).as("properties without description").isEmpty();
    // Guards against a walk that silently visits nothing.
    assertThat(described).contains(".spec.window", ".spec.signal.prometheus.query",
        ".spec.action.surgeMinReplicas", ".status.model.coefficients[].stdError",
        ".status.forecast[].exceedProbability", ".status.backtest.pit90", ".status.action.state");
  }

  @Test
  void celRulesAreInTheSchema() {
    JSONSchemaProps spec = GeneratedCrd.rootSchema().getProperties().get("spec");
    Map<String, JSONSchemaProps> props = spec.getProperties();

    assertThat(rules(props.get("signal")))
        .contains("has(self.podRestarts) != has(self.prometheus)");
    assertThat(rules(props.get("surge").getProperties().get("probability")))
        .contains("self > 0.0 && self < 1.0");
    assertThat(rules(spec)).contains(CountForecastSpec.HORIZON_AT_LEAST_WINDOW_RULE,
        CountForecastSpec.SURGE_REQUIRED_FOR_ACTION_RULE);
    assertThat(rules(props.get("action"))).anyMatch(r -> r.contains("surgeMinReplicas"));
    assertThat(rules(spec)).contains(CountForecastSpec.SLO_NEEDS_REQUESTS_RULE);
    Map<String, JSONSchemaProps> slo = props.get("slo").getProperties();
    assertThat(rules(slo.get("objective"))).contains(SloSpec.OBJECTIVE_RANGE_RULE);
    assertThat(slo.get("objective").getPattern()).isEqualTo(SloSpec.OBJECTIVE_PATTERN);
    assertThat(rules(slo.get("period"))).contains(SloSpec.PERIOD_RANGE_RULE);
    assertThat(props.get("slo").getRequired()).containsExactlyInAnyOrder("objective", "period");
    for (String duration : List.of("window", "history", "horizon", "trainEvery")) {
      JSONSchemaProps d = props.get(duration);
      assertThat(d.getPattern()).as(duration).isEqualTo(PromDuration.PATTERN);
      assertThat(rules(d)).as(duration).contains(PromDuration.NON_ZERO_RULE);
    }
  }

  @Test
  void everyIntegerHasAMaximumAndWindowCountsAreBoundedByCel() {
    JSONSchemaProps spec = GeneratedCrd.rootSchema().getProperties().get("spec");
    Map<String, JSONSchemaProps> props = spec.getProperties();

    assertThat(props.get("minSamples").getMaximum())
        .isEqualTo((double) SpecLimits.MAX_HISTORY_WINDOWS);
    assertThat(props.get("surge").getProperties().get("threshold").getMaximum())
        .isEqualTo((double) SpecLimits.MAX_SURGE_THRESHOLD);
    assertThat(props.get("action").getProperties().get("surgeMinReplicas").getMaximum())
        .isEqualTo((double) SpecLimits.MAX_SURGE_MIN_REPLICAS);
    assertThat(props.get("model").getProperties().get("seasonality").getMaxItems()).isEqualTo(2L);
    assertThat(rules(spec)).contains(CountForecastSpec.HORIZON_WINDOWS_RULE,
        CountForecastSpec.HISTORY_WINDOWS_RULE);
    assertThat(rules(props.get("window"))).contains(PromDuration.AT_MOST_DAY_RULE);
    assertThat(rules(props.get("trainEvery"))).contains(PromDuration.AT_MOST_WEEK_RULE);
    assertThat(rules(props.get("action").getProperties().get("leadTime")))
        .contains(PromDuration.AT_MOST_WEEK_RULE);
    assertThat(rules(props.get("action").getProperties().get("cooldown")))
        .contains(PromDuration.AT_MOST_WEEK_RULE);
    assertThat(rules(props.get("signal").getProperties().get("prometheus").getProperties()
        .get("timeout"))).contains(PromDuration.AT_MOST_5M_RULE);
    assertThat(CountForecastSpec.HORIZON_WINDOWS_RULE).contains("<= 2016 * self.window");
    assertThat(CountForecastSpec.HISTORY_WINDOWS_RULE).contains("< 16385 * self.window");
  }

  @Test
  void openApiBoundsAndEnums() {
    Map<String, JSONSchemaProps> props =
        GeneratedCrd.rootSchema().getProperties().get("spec").getProperties();

    assertThat(props.get("minSamples").getMinimum()).isEqualTo(2.0);
    assertThat(props.get("surge").getProperties().get("threshold").getMinimum()).isEqualTo(0.0);
    assertThat(props.get("action").getProperties().get("surgeMinReplicas").getMinimum())
        .isEqualTo(1.0);
    assertThat(enumValues(props.get("targetRef").getProperties().get("kind")))
        .containsExactlyInAnyOrder("Deployment", "StatefulSet");
    assertThat(props.get("targetRef").getRequired()).contains("name", "kind");
    assertThat(enumValues(props.get("model").getProperties().get("family")))
        .containsExactlyInAnyOrder("auto", "poisson", "nb2", "nb1", "zinb2");
    assertThat(enumValues(props.get("model").getProperties().get("seasonality").getItems()
        .getSchema())).containsExactlyInAnyOrder("daily", "weekly");
    assertThat(enumValues(props.get("action").getProperties().get("type")))
        .containsExactlyInAnyOrder("None", "Annotate", "ScaleHPA", "Headroom");
  }

  /**
   * The schema defaults (applied by the API server) and the Java field initializers (seen by
   * code that builds a spec itself) must agree, or the operator would behave differently for
   * resources created by kubectl and by tests.
   */
  @Test
  void schemaDefaultsEqualJavaDefaults() {
    // Instantiate the optional parts too, so their field initializers are compared as well.
    CountForecastSpec spec = new CountForecastSpec();
    spec.setTargetRef(new TargetRef());
    spec.setSignal(new SignalSpec());
    spec.getSignal().setPrometheus(new PrometheusSignal());
    spec.setSurge(new SurgeSpec());
    JsonNode javaDefaults = KUBE.convertValue(spec, JsonNode.class);
    Map<String, JSONSchemaProps> props =
        GeneratedCrd.rootSchema().getProperties().get("spec").getProperties();
    List<String> checked = new ArrayList<>();
    compareDefaults("", props, javaDefaults, checked);
    assertThat(checked).contains("window", "history", "horizon", "trainEvery", "minSamples",
        "model.family", "model.seasonality", "model.trend", "action.type", "action.leadTime",
        "action.cooldown", "action.dryRun", "targetRef.apiVersion", "surge.probability",
        "signal.prometheus.insecureSkipVerify", "signal.prometheus.timeout");
  }

  private static void compareDefaults(String prefix, Map<String, JSONSchemaProps> props,
      JsonNode javaObject, List<String> checked) {
    props.forEach((name, schema) -> {
      if (schema.getDefault() != null && javaObject.has(name)) {
        assertThat(javaObject.get(name)).as("default of " + prefix + name)
            .isEqualTo(schema.getDefault());
        checked.add(prefix + name);
      }
      if (schema.getProperties() != null && javaObject.has(name)) {
        compareDefaults(prefix + name + ".", schema.getProperties(), javaObject.get(name),
            checked);
      }
    });
  }

  private static void collectDescriptions(String path, JSONSchemaProps schema,
      List<String> described, List<String> undescribed) {
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> {
        String childPath = path + "." + name;
        String description = child.getDescription();
        (description == null || description.isBlank() ? undescribed : described).add(childPath);
        if (!FOREIGN_TYPES.contains(childPath)) {
          collectDescriptions(childPath, child, described, undescribed);
        }
      });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectDescriptions(path + "[]", schema.getItems().getSchema(), described, undescribed);
    }
  }

  private static List<String> rules(JSONSchemaProps schema) {
    List<ValidationRule> validations = schema.getXKubernetesValidations();
    return validations == null ? List.of()
        : validations.stream().map(ValidationRule::getRule).toList();
  }

  private static List<String> enumValues(JSONSchemaProps schema) {
    return schema.getEnum().stream().map(JsonNode::asText).toList();
  }
}
