package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ErrorBudgetStatus;
import io.countcast.operator.ForecastMetrics;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.monitoring.Metrics.ControllerExecution;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/grafana-dashboard.json: every panel query names only metrics the operator exports,
 * and promtool parses every query (as the expression of a recording rule, since promtool 2.42
 * has no offline query-parse command).
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("examples", "grafana-dashboard.json");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  /** Identifiers in PromQL that are not metric names. */
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
      "group_left", "group_right", "bool", "and", "or", "unless", "offset");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:])(\\s*\\()?");

  @TempDir
  Path dir;

  @Test
  void dashboardHasItsTemplateVariablesAndQueriesOnlyExportedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.get("schemaVersion").asInt()).isEqualTo(39);
    List<String> variables = new ArrayList<>();
    dashboard.at("/templating/list").forEach(v -> variables.add(v.get("name").asText()));
    assertThat(variables).contains("namespace", "name");

    Set<String> exported = exportedMetricNames();
    Map<String, String> exprs = panelExpressions(dashboard);
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(6);
    exprs.forEach((panel, expr) ->
        assertThat(metricNames(expr)).as(panel + ": " + expr).isNotEmpty().isSubsetOf(exported));
  }

  @Test
  void everyPanelHasItsOwnIdAndQueriesTheDatasourceVariable() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<Integer> ids = new TreeSet<>();
    dashboard.get("panels").forEach(panel -> {
      assertThat(ids.add(panel.get("id").asInt())).as("unique id of " + panel.get("title"))
          .isTrue();
      assertThat(panel.has("gridPos")).as(panel.get("title").asText()).isTrue();
      if (!"row".equals(panel.get("type").asText())) {
        assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText())
            .isEqualTo("${datasource}");
        panel.get("targets").forEach(t -> assertThat(t.at("/datasource/uid").asText())
            .isEqualTo("${datasource}"));
      }
    });
    assertThat(panelExpressions(dashboard).values())
        .anyMatch(e -> e.contains("countcast_error_budget_remaining"))
        .anyMatch(e -> e.contains("countcast_error_budget_window_burn_rate"))
        .anyMatch(e -> e.contains("countcast_error_budget_exhaustion_probability"));
  }

  @Test
  void metricNamesSkipFunctionsGroupingLabelsAndRanges() {
    assertThat(metricNames("sum by (type) (rate(a_total{type=\"raise\"}[5m])) / max(b_max) > bool 1"))
        .containsExactly("a_total", "b_max");
  }

  @Test
  void promtoolParsesEveryPanelQuery() throws Exception {
    Map<String, String> exprs = panelExpressions(new ObjectMapper().readTree(DASHBOARD.toFile()));
    List<Map<String, String>> rules = new ArrayList<>();
    exprs.values().forEach(expr -> rules.add(Map.of(
        "record", "dashboard:query_" + rules.size(),
        "expr", expr.replace("$namespace", "shop").replace("$name", "web")
            .replace("$__rate_interval", "5m"))));
    Files.writeString(dir.resolve("queries.yaml"), new KubernetesSerialization()
        .asYaml(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

    Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", "queries.yaml")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + exprs.size() + " rules found");
  }

  /** Each target's expr, keyed by panel title and refId. */
  private static Map<String, String> panelExpressions(JsonNode dashboard) {
    Map<String, String> exprs = new LinkedHashMap<>();
    // A row panel has no targets of its own.
    dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(target ->
        exprs.put(panel.get("title").asText() + " " + target.get("refId").asText(),
            target.get("expr").asText())));
    return exprs;
  }

  /** The metric names in {@code expr}: identifiers outside strings, label matchers, ranges. */
  static Set<String> metricNames(String expr) {
    String bare = GROUPING.matcher(expr.replaceAll("\"[^\"]*\"", "\"\"")
        .replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")).replaceAll("");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      boolean function = matcher.group(1) != null;
      String word = matcher.group().replaceAll("[\\s(]", "");
      if (!function && !KEYWORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  /**
   * The sample names of a Prometheus scrape after the operator's meters have all been used:
   * ForecastMetrics' own, and the reconcile timer JOSDK's MicrometerMetrics registers (the
   * operator installs it in CountcastOperator; the execution name "reconcile" is the one
   * JOSDK 5.2.3's Controller gives reconcile executions).
   */
  private static Set<String> exportedMetricNames() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ForecastMetrics metrics = new ForecastMetrics(registry);
    CountForecastStatus status = new CountForecastStatus();
    status.setExpectedNext(2.5);
    status.setLowerNext(0);
    status.setUpperNext(6);
    status.setLastCount(3L);
    status.setSurgeProbability(0.4);
    status.setModel(new io.countcast.api.ModelStatus()); // the live-calibration gauges
    status.setConditions(List.of(new ConditionBuilder().withType(ConditionType.DEGRADED)
        .withStatus("False").build()));
    ErrorBudgetStatus budget = new ErrorBudgetStatus();
    budget.setRemaining(0.75);
    budget.setBurnRate(3.0);
    budget.setBurnRates(Map.of("5m", 2.0, "30m", 2.5, "1h", 3.0, "6h", 1.0));
    budget.setExhaustionProbability(0.1);
    status.setErrorBudget(budget);
    metrics.update("ns", "web", status);
    metrics.timeFit(() -> "fitted");
    metrics.countAction("raise");
    MicrometerMetrics.withoutPerResourceMetrics(registry).timeControllerExecution(reconcile());

    Set<String> names = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static ControllerExecution<String> reconcile() {
    return new ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "countforecastreconciler";
      }

      @Override
      public String successTypeName(String result) {
        return "resource";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("web", "ns");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public String execute() {
        return "reconciled";
      }
    };
  }
}
