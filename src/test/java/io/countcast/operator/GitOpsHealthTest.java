package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * GitOps tools read a CountForecast's health from the statuses {@link StatusAggregator} writes:
 * Flux through kstatus (computed here with the rules of sigs.k8s.io/cli-utils
 * {@code status.Compute}), Argo CD through the Lua health check of docs/gitops.md, which runs
 * here in LuaJ exactly as the doc prints it (and as the example ConfigMap holds it).
 */
class GitOpsHealthTest {

  private static final Path DOC = Path.of("docs", "gitops.md");
  private static final Path EXAMPLE =
      Path.of("examples", "argocd", "argocd-cm-countforecast-health.yaml");
  private static final String KEY = "resource.customizations.health.countcast.io_CountForecast";
  private static final Pattern LUA_BLOCK =
      Pattern.compile("<!-- argocd-health-lua[^>]*-->\\s*```lua\\n(.*?)```", Pattern.DOTALL);
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatusAggregator aggregator = new StatusAggregator();

  @Test
  void collectingHistoryIsInProgress() throws IOException {
    JsonNode cf = countForecast(1, collecting());

    assertThat(kstatus(cf)).isEqualTo("InProgress");
    assertThat(argo(cf)).isEqualTo("Progressing: InsufficientHistory: 12 of 48 windows collected");
  }

  @Test
  void aPublishedForecastIsCurrent() throws IOException {
    JsonNode cf = countForecast(1, trained());

    assertThat(kstatus(cf)).isEqualTo("Current");
    assertThat(argo(cf)).isEqualTo("Healthy: ForecastPublished: forecast of 2 windows published");
  }

  @Test
  void aProblemBeforeAnyModelIsFailed() throws IOException {
    CountForecastStatus status = aggregator.aggregate(null, seen(1, T0, null,
        new Problem(Reasons.TARGET_NOT_FOUND, "Deployment shop/web does not exist"), null));
    JsonNode cf = countForecast(1, status);

    assertThat(kstatus(cf)).isEqualTo("Failed");
    assertThat(argo(cf)).isEqualTo("Degraded: TargetNotFound: Deployment shop/web does not exist");
  }

  @Test
  void aProblemWithAStaleForecastIsFailedAndClearsByItself() throws IOException {
    CountForecastStatus stale = aggregator.aggregate(trained(), seen(1, T0.plusSeconds(600), 49,
        new Problem(Reasons.PROMETHEUS_UNAVAILABLE, "connection refused"), null));
    JsonNode failed = countForecast(1, stale);

    assertThat(stale.getStale()).isTrue();
    assertThat(kstatus(failed)).isEqualTo("Failed");
    assertThat(argo(failed)).startsWith("Degraded: PrometheusUnavailable: connection refused; "
        + "the last good forecast");

    CountForecastStatus recovered =
        aggregator.aggregate(stale, seen(1, T0.plusSeconds(660), 50, null, null));
    assertThat(recovered.getConditions()).extracting(c -> c.getType())
        .doesNotContain(ConditionType.STALLED, ConditionType.RECONCILING);
    assertThat(kstatus(countForecast(1, recovered))).isEqualTo("Current");
    assertThat(argo(countForecast(1, recovered))).startsWith("Healthy: ");
  }

  @Test
  void aSpecChangeNotYetObservedIsInProgress() throws IOException {
    JsonNode cf = countForecast(2, trained());

    assertThat(kstatus(cf)).isEqualTo("InProgress");
    assertThat(argo(cf)).isEqualTo("Progressing: Waiting for the operator to observe generation 2");
  }

  @Test
  void noStatusYetIsProgressingInArgo() throws IOException {
    assertThat(argo(countForecast(1, null)))
        .isEqualTo("Progressing: Waiting for the Countcast operator to report a status");
  }

  @Test
  void theStalledAndReconcilingConditionsCarryReadysReasonAndGeneration() {
    CountForecastStatus status = collecting();

    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionType.RECONCILING))
        .singleElement().satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo(Reasons.INSUFFICIENT_HISTORY);
          assertThat(c.getObservedGeneration()).isEqualTo(1);
        });
    assertThat(trained().getConditions()).extracting(c -> c.getType())
        .containsExactly(ConditionType.READY, ConditionType.TRAINED,
            ConditionType.SURGE_FORECAST, ConditionType.DEGRADED, ConditionType.CALIBRATED);
  }

  @Test
  void theExampleConfigMapHoldsTheDocumentedCheck() throws IOException {
    JsonNode example = new KubernetesSerialization()
        .unmarshal(Files.readString(EXAMPLE), JsonNode.class);

    assertThat(example.get("data").get(KEY).asText()).isEqualTo(documentedLua());
  }

  private CountForecastStatus collecting() {
    return aggregator.aggregate(null, seen(1, T0, 12, null, null));
  }

  private CountForecastStatus trained() {
    return aggregator.aggregate(collecting(), seen(1, T0.plusSeconds(300), 48, null, forecast()));
  }

  private static Observations seen(long generation, Instant now, Integer samples, Problem problem,
      TrainedForecast trained) {
    return new Observations(generation, now, "podRestarts", samples, null, 48, 0.8, problem,
        trained);
  }

  private static TrainedForecast forecast() {
    ModelStatus model = new ModelStatus();
    model.setFamily("nb2");
    return new TrainedForecast(model, List.of(window(T0.plusSeconds(300), 2.5, 0.12),
        window(T0.plusSeconds(600), 3.1, 0.2)), 0.3, null, 48);
  }

  private static ForecastWindow window(Instant start, double expected, double exceed) {
    ForecastWindow w = new ForecastWindow();
    w.setStart(start.toString());
    w.setEnd(start.plusSeconds(300).toString());
    w.setExpected(expected);
    w.setLower(0);
    w.setUpper(7);
    w.setExceedProbability(exceed);
    return w;
  }

  /** A CountForecast as the API server returns it, with this generation and status. */
  private static JsonNode countForecast(long generation, CountForecastStatus status) {
    ObjectNode cf = JSON.createObjectNode();
    cf.put("apiVersion", "countcast.io/v1alpha1").put("kind", "CountForecast");
    cf.putObject("metadata").put("name", "web").put("namespace", "shop")
        .put("generation", generation);
    if (status != null) {
      cf.set("status", JSON.valueToTree(status));
    }
    return cf;
  }

  /**
   * kstatus for a custom resource (cli-utils pkg/kstatus/status: checkGenericProperties, then
   * Compute's fallback): Terminating while deleted; InProgress while observedGeneration differs
   * from generation; InProgress for Reconciling=True, Failed for Stalled=True; else Current.
   */
  private static String kstatus(JsonNode cf) {
    if (!cf.at("/metadata/deletionTimestamp").asText().isEmpty()) {
      return "Terminating";
    }
    JsonNode observed = cf.at("/status/observedGeneration");
    if (!observed.isMissingNode()
        && observed.asLong() != cf.at("/metadata/generation").asLong()) {
      return "InProgress";
    }
    for (JsonNode c : cf.at("/status/conditions")) {
      if ("True".equals(c.path("status").asText())) {
        if (ConditionType.RECONCILING.equals(c.path("type").asText())) {
          return "InProgress";
        }
        if (ConditionType.STALLED.equals(c.path("type").asText())) {
          return "Failed";
        }
      }
    }
    return "Current";
  }

  /** The documented Argo CD check on {@code cf}: "status: message". */
  private static String argo(JsonNode cf) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(cf));
    LuaValue health = globals.load(documentedLua(), "countforecast-health.lua").call();
    return health.get("status").tojstring() + ": " + health.get("message").tojstring();
  }

  private static String documentedLua() throws IOException {
    Matcher block = LUA_BLOCK.matcher(Files.readString(DOC));
    assertThat(block.find()).as("a lua block after <!-- argocd-health-lua --> in %s", DOC).isTrue();
    return block.group(1);
  }

  /** JSON as Argo CD hands it to Lua: objects and arrays as tables, numbers as floats. */
  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.properties().forEach(e -> table.set(e.getKey(), lua(e.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }
}
