package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ActionSpec;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ErrorBudgetStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.api.SurgeSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ForecastMetrics metrics = new ForecastMetrics(registry);

  @Test
  void gaugesAppearWithTheFirstForecastFollowItAndGoWithTheResource() {
    metrics.update("ns", "web", new CountForecastStatus());
    assertThat(registry.find(ForecastMetrics.EXPECTED).gauge()).isNull();

    metrics.update("ns", "web", status(2.5, 6, 0.4));
    assertThat(gauge(ForecastMetrics.EXPECTED)).isEqualTo(2.5);
    assertThat(gauge(ForecastMetrics.LOWER)).isEqualTo(1.0);
    assertThat(gauge(ForecastMetrics.UPPER)).isEqualTo(6.0);
    assertThat(gauge(ForecastMetrics.SURGE)).isEqualTo(0.4);
    assertThat(registry.get(ForecastMetrics.EXPECTED).gauge().getId().getTags())
        .extracting(t -> t.getKey() + "=" + t.getValue()).containsExactly("name=web", "namespace=ns");

    metrics.update("ns", "web", status(null, null, 0.4)); // every forecast window has passed
    assertThat(gauge(ForecastMetrics.EXPECTED)).isNaN();
    assertThat(gauge(ForecastMetrics.LOWER)).isNaN();
    assertThat(gauge(ForecastMetrics.UPPER)).isNaN();

    metrics.remove("ns", "web");
    assertThat(registry.find(ForecastMetrics.EXPECTED).gauge()).isNull();
    assertThat(registry.find(ForecastMetrics.LOWER).gauge()).isNull();
    assertThat(registry.find(ForecastMetrics.SURGE).gauge()).isNull();
    assertThat(registry.find(ForecastMetrics.DEGRADED).gauge()).isNull();
  }

  @Test
  void theObservedCountAppearsWithTheFirstClosedWindowBeforeAnyForecast() {
    CountForecastStatus collecting = status(null, null, null);
    collecting.setLastCount(4L);
    metrics.update("ns", "web", collecting);
    assertThat(gauge(ForecastMetrics.OBSERVED)).isEqualTo(4.0);
    assertThat(registry.find(ForecastMetrics.EXPECTED).gauge()).isNull();

    CountForecastStatus forecast = status(2.5, 6, 0.4);
    forecast.setLastCount(9L);
    metrics.update("ns", "web", forecast);
    assertThat(gauge(ForecastMetrics.OBSERVED)).isEqualTo(9.0);
    assertThat(registry.find(ForecastMetrics.OBSERVED).gauges()).hasSize(1);

    metrics.update("ns", "web", status(2.5, 6, 0.4)); // history started over
    assertThat(gauge(ForecastMetrics.OBSERVED)).isNaN();

    metrics.remove("ns", "web");
    assertThat(registry.find(ForecastMetrics.OBSERVED).gauge()).isNull();
  }

  @Test
  void degradedIsOneWhileDegradedIsTrueOrTheForecastIsStaleAndGoesWithTheResource() {
    CountForecastStatus status = status(null, null, null);
    status.setConditions(List.of(degraded("True", "TargetNotFound")));
    metrics.update("ns", "web", status); // degraded before any forecast: alertable already
    assertThat(degraded("TargetNotFound")).isEqualTo(1.0);
    assertThat(registry.find(ForecastMetrics.EXPECTED).gauge()).isNull();

    CountForecastStatus healthy = status(2.5, 6, 0.4);
    healthy.setConditions(List.of(degraded("False", "Healthy")));
    metrics.update("ns", "web", healthy);
    assertThat(degraded("Healthy")).isZero();
    assertThat(gauge(ForecastMetrics.EXPECTED)).isEqualTo(2.5);

    healthy.setStale(true);
    metrics.update("ns", "web", healthy);
    assertThat(degraded("Stale")).isEqualTo(1.0);

    metrics.remove("ns", "web");
    assertThat(registry.find(ForecastMetrics.DEGRADED).gauge()).isNull();
  }

  @Test
  void aNewReasonReplacesTheDegradedSeriesOfTheOldOne() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ForecastMetrics published = new ForecastMetrics(prometheus);
    CountForecastStatus status = status(null, null, null);

    status.setConditions(List.of(degraded("True", "InsufficientHistory")));
    published.update("ns", "web", status);
    assertThat(degradedSeries(prometheus.scrape()))
        .containsExactly("countcast_degraded{name=\"web\",namespace=\"ns\",reason=\"InsufficientHistory\"} 1.0");

    status.setConditions(List.of(degraded("True", "NoPodsSelected")));
    published.update("ns", "web", status);
    assertThat(degradedSeries(prometheus.scrape()))
        .containsExactly("countcast_degraded{name=\"web\",namespace=\"ns\",reason=\"NoPodsSelected\"} 1.0");

    published.remove("ns", "web");
    assertThat(degradedSeries(prometheus.scrape())).isEmpty();
  }

  @Test
  void aHealthyForecastHasDegradedZeroAsCountcastDegraded() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ForecastMetrics(prometheus).update("ns", "web", status(2.5, 6, 0.4));

    assertThat(prometheus.scrape())
        .contains("countcast_degraded{name=\"web\",namespace=\"ns\",reason=\"Healthy\"} 0.0");
  }

  @Test
  void fitsAreTimed() {
    assertThat(metrics.timeFit(() -> "fitted")).isEqualTo("fitted");

    assertThat(registry.get("countcast.fit").timer().count()).isEqualTo(1);
  }

  @Test
  void actionsAreCountedByTypeAsCountcastActionsTotal() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ForecastMetrics counted = new ForecastMetrics(prometheus);

    counted.countAction("raise");
    counted.countAction("raise");
    counted.countAction("restore");

    assertThat(prometheus.scrape()).contains("countcast_actions_total{type=\"raise\"} 2.0")
        .contains("countcast_actions_total{type=\"restore\"} 1.0");
  }

  @Test
  void theErrorBudgetGaugesFollowStatusErrorBudgetUnderTheirPrometheusNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ForecastMetrics budgets = new ForecastMetrics(prometheus);
    budgets.update("ns", "web", new CountForecastStatus());
    assertThat(prometheus.scrape()).doesNotContain("countcast_error_budget");

    CountForecastStatus status = new CountForecastStatus();
    status.setErrorBudget(budget(1_000.0, 250.0, 0.75, 3.0, 0.125));
    status.getErrorBudget().setBurnRates(java.util.Map.of("5m", 15.0, "1h", 3.0));
    budgets.update("ns", "web", status);
    assertThat(prometheus.scrape())
        .contains("countcast_error_budget_window_burn_rate{name=\"web\",namespace=\"ns\","
            + "window=\"5m\"} 15.0")
        .contains("countcast_error_budget_window_burn_rate{name=\"web\",namespace=\"ns\","
            + "window=\"1h\"} 3.0");
    assertThat(prometheus.scrape())
        .contains("countcast_error_budget_remaining{name=\"web\",namespace=\"ns\"} 0.75")
        .contains("countcast_error_budget_burn_rate{name=\"web\",namespace=\"ns\"} 3.0")
        .contains("countcast_error_budget_exhaustion_probability{name=\"web\",namespace=\"ns\"}"
            + " 0.125");

    // An objective of 100 with an error: no finite remaining or burn in status, ±Inf here.
    status.setErrorBudget(budget(0.0, 1.0, null, null, 1.0));
    budgets.update("ns", "web", status);
    assertThat(prometheus.scrape())
        .contains("countcast_error_budget_remaining{name=\"web\",namespace=\"ns\"} -Inf")
        .contains("countcast_error_budget_burn_rate{name=\"web\",namespace=\"ns\"} +Inf");

    status.setErrorBudget(null); // spec.slo removed
    budgets.update("ns", "web", status);
    assertThat(prometheus.scrape())
        .contains("countcast_error_budget_remaining{name=\"web\",namespace=\"ns\"} NaN");

    budgets.remove("ns", "web");
    assertThat(prometheus.scrape()).doesNotContain("countcast_error_budget");
  }

  private static ErrorBudgetStatus budget(Double allowed, Double consumed, Double remaining,
      Double burn, Double exhaustion) {
    ErrorBudgetStatus b = new ErrorBudgetStatus();
    b.setAllowedErrors(allowed);
    b.setConsumedErrors(consumed);
    b.setRemaining(remaining);
    b.setBurnRate(burn);
    b.setExhaustionProbability(exhaustion);
    return b;
  }

  private double gauge(String name) {
    return registry.get(name).tags("namespace", "ns", "name", "web").gauge().value();
  }

  @Test
  void theLeadTimeFeedIsTheLargestUpperWithinLeadTimeAndWhetherASurgeIsDue() {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    CountForecastSpec spec = TestSpecs.minimal();
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(5);
    spec.setSurge(surge);
    spec.setAction(new ActionSpec()); // leadTime 10m, probability 0.8
    ForecastPlan plan = ForecastPlan.of(spec);
    CountForecastStatus status = status(2.5, 6, 0.9);
    status.setModel(new ModelStatus());
    status.setLastForecastTime(now.toString());
    status.setForecast(List.of(window(now, 0, 4, 0.1), window(now, 5, 9, 0.9),
        window(now, 15, 30, 0.1)));
    metrics.update("ns", "web", status);

    metrics.updateLeadTime("ns", "web", status, plan, now);
    assertThat(registry.get(ForecastMetrics.UPPER_LEADTIME).gauge().value()).isEqualTo(9.0);
    assertThat(registry.get(ForecastMetrics.SURGE_ACTIVE).gauge().value()).isEqualTo(1.0);

    status.setStale(true); // never scale on stale data
    metrics.updateLeadTime("ns", "web", status, plan, now);
    assertThat(registry.get(ForecastMetrics.UPPER_LEADTIME).gauge().value()).isNaN();
    assertThat(registry.get(ForecastMetrics.SURGE_ACTIVE).gauge().value()).isZero();

    metrics.remove("ns", "web");
    assertThat(registry.find(ForecastMetrics.SURGE_ACTIVE).gauge()).isNull();
  }

  private static ForecastWindow window(Instant now, int startMinute, int upper,
      double exceed) {
    ForecastWindow w = new ForecastWindow();
    w.setStart(now.plusSeconds(60L * startMinute).toString());
    w.setEnd(now.plusSeconds(60L * (startMinute + 5)).toString());
    w.setUpper(upper);
    w.setExceedProbability(exceed);
    return w;
  }

  private double degraded(String reason) {
    return registry.get(ForecastMetrics.DEGRADED)
        .tags("namespace", "ns", "name", "web", "reason", reason).gauge().value();
  }

  private static List<String> degradedSeries(String scrape) {
    return scrape.lines().filter(line -> line.startsWith("countcast_degraded{")).toList();
  }

  private static Condition degraded(String value, String reason) {
    return new ConditionBuilder().withType(ConditionType.DEGRADED).withStatus(value)
        .withReason(reason).build();
  }

  private static CountForecastStatus status(Double expected, Integer upper, Double surge) {
    CountForecastStatus status = new CountForecastStatus();
    status.setExpectedNext(expected);
    status.setLowerNext(expected == null ? null : 1);
    status.setUpperNext(upper);
    status.setSurgeProbability(surge);
    return status;
  }
}
