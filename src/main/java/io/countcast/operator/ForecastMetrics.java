package io.countcast.operator;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ErrorBudgetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The operator's own meters: per CountForecast gauges of the next window's expected count and
 * 90% interval (lower and upper), of the count observed in the latest closed window, of the
 * surge probability, of whether it is degraded and why, and with spec.slo of the error budget's
 * remaining share, burn rate and exhaustion probability (labelled namespace and name, removed
 * when the CountForecast is deleted), the {@code countcast_fit_seconds} timer of model fits, the
 * {@code countcast_signal_seconds{signal}} timer of signal collections, the
 * {@code countcast_reconcile_deadline_exceeded_total} counter of collections stopped at the
 * per-reconcile limit, the {@code countcast_actions_total{type}} counter of surge actions taken
 * and the {@code countcast_action_failures_total{type,reason}} counter of action failures.
 * Live calibration: the anomaly score, count and forecast of the last closed window, live
 * coverage and PIT share, drift, the model's version and age (see {@code updateLive}), and the
 * {@code countcast_forecast_duration_seconds} histogram of fit-and-forecast time.
 */
public final class ForecastMetrics {

  static final String EXPECTED = "countcast.forecast.expected";
  static final String LOWER = "countcast.forecast.lower";
  static final String UPPER = "countcast.forecast.upper";
  static final String OBSERVED = "countcast.observed";
  static final String SURGE = "countcast.surge.probability";
  static final String DEGRADED = "countcast.degraded";
  static final String ACTIONS = "countcast.actions";
  static final String BUDGET_REMAINING = "countcast.error.budget.remaining";
  static final String BUDGET_BURN_RATE = "countcast.error.budget.burn.rate";
  static final String BUDGET_EXHAUSTION = "countcast.error.budget.exhaustion.probability";
  static final String BUDGET_WINDOW_BURN_RATE = "countcast.error.budget.window.burn.rate";
  static final String ANOMALY_SCORE = "countcast.anomaly.score";
  static final String LAST_OBSERVED = "countcast.last.window.observed";
  static final String LAST_EXPECTED = "countcast.last.window.expected";
  static final String LAST_LOWER = "countcast.last.window.lower";
  static final String LAST_UPPER = "countcast.last.window.upper";
  static final String LIVE_COVERAGE90 = "countcast.live.coverage90";
  static final String LIVE_PIT90 = "countcast.live.pit90";
  static final String DRIFT_PSI = "countcast.drift.psi";
  static final String MODEL_VERSION = "countcast.model.version";
  static final String MODEL_AGE = "countcast.model.age.seconds";
  static final String FORECAST_DURATION = "countcast.forecast.duration";
  static final String ACTION_FAILURES = "countcast.action.failures";
  static final String UPPER_LEADTIME = "countcast.forecast.upper.leadtime";
  static final String SURGE_ACTIVE = "countcast.surge.active";
  /** The reason label of a stale forecast whose Degraded condition is not True. */
  static final String STALE = "Stale";

  /**
   * The latest published values and the gauges of one CountForecast; NaN until known. Changed
   * under its own lock, since the degraded gauge is replaced when its reason changes.
   */
  private static final class Values {
    volatile double expected = Double.NaN;
    volatile double lower = Double.NaN;
    volatile double upper = Double.NaN;
    volatile double observed = Double.NaN;
    volatile double surge = Double.NaN;
    volatile double degraded;
    volatile double upperLeadTime = Double.NaN;
    volatile double surgeActive;
    boolean leadTimeRegistered;
    /** Every gauge but the degraded one. */
    final List<Gauge> gauges = new ArrayList<>();
    Gauge degradedGauge;
    String degradedReason;
    boolean forecastRegistered;
    boolean observedRegistered;
    volatile double budgetRemaining = Double.NaN;
    volatile double budgetBurnRate = Double.NaN;
    volatile double budgetExhaustion = Double.NaN;
    boolean budgetRegistered;
    /** Burn rate per alert window (5m, 30m, 1h, 6h); a gauge per window once seen. */
    final Map<String, Double> windowBurnRates = new ConcurrentHashMap<>();
    final LiveValues live = new LiveValues();
  }

  /**
   * How the forecasts hold on live data (status.lastWindow, live, drift, model); NaN until
   * known. Registered with the first status that has a model.
   */
  private static final class LiveValues {
    volatile double anomalyScore = Double.NaN;
    volatile double lastObserved = Double.NaN;
    volatile double lastExpected = Double.NaN;
    volatile double lastLower = Double.NaN;
    volatile double lastUpper = Double.NaN;
    volatile double coverage90 = Double.NaN;
    volatile double pit90 = Double.NaN;
    volatile double driftPsi = Double.NaN;
    volatile double modelVersion = Double.NaN;
    /** When the model was fitted, epoch milliseconds; NaN before. */
    volatile double trainedAtMillis = Double.NaN;
    boolean registered;
  }

  private final MeterRegistry registry;
  private final Timer fitTimer;
  private final Timer forecastDuration;
  private final Counter deadlineExceeded;
  private final Map<String, Values> byResource = new ConcurrentHashMap<>();

  public ForecastMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Buckets, so a refit's p50/p99 can be read from /metrics (docs/scale.md).
    this.fitTimer = Timer.builder("countcast.fit")
        .description("Time to fit a model and forecast the horizon")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    this.forecastDuration = Timer.builder(FORECAST_DURATION)
        .description("Fit and forecast time of one reconcile's training (histogram; the goal "
            + "is p95 below 100 ms)")
        .publishPercentileHistogram().serviceLevelObjectives(java.time.Duration.ofMillis(100))
        .register(registry);
    this.deadlineExceeded = Counter.builder("countcast.reconcile.deadline.exceeded")
        .description("Signal collections stopped at the per-reconcile time limit")
        .register(registry);
  }

  /** Counts one signal collection stopped at the per-reconcile limit ({@link SignalDeadline}). */
  void countDeadlineExceeded() {
    deadlineExceeded.increment();
  }

  /** Times one signal collection, labelled by signal kind (podRestarts or prometheus). */
  <T> T timeSignal(String signal, Supplier<T> collection) {
    return Timer.builder("countcast.signal").tag("signal", signal)
        .description("Time to collect a CountForecast's signal in one reconcile")
        .register(registry).record(collection);
  }

  /** Times one fit, in the fit timer and the forecast-duration histogram. */
  public <T> T timeFit(Supplier<T> fit) {
    return forecastDuration.record(() -> fitTimer.record(fit));
  }

  /**
   * Publishes the next window's forecast in {@code status}, the latest observed count and
   * whether it is degraded. The degraded gauge appears with the first status that has a
   * forecast, an observed count or is degraded (a new CountForecast is Degraded until it has
   * enough history, and an operator that never gets data must still be alertable); it carries
   * the reason, and a new reason replaces the series of the old one. The observed gauge appears
   * with the first closed window; the forecast gauges appear with the first forecast and read
   * NaN once every forecast window has passed.
   */
  public void update(String namespace, String name, CountForecastStatus status) {
    boolean hasForecast = status != null && status.getExpectedNext() != null;
    boolean hasObserved = status != null && status.getLastCount() != null;
    boolean degraded = isDegraded(status);
    boolean hasBudget = status != null && status.getErrorBudget() != null;
    boolean hasModel = status != null && status.getModel() != null;
    Values values = hasForecast || hasObserved || degraded || hasBudget || hasModel
        ? byResource.computeIfAbsent(key(namespace, name), k -> new Values())
        : byResource.get(key(namespace, name));
    if (values == null) {
      return;
    }
    Tags tags = tags(namespace, name);
    synchronized (values) {
      if (hasForecast && !values.forecastRegistered) {
        registerForecast(values, tags);
      }
      if (hasObserved && !values.observedRegistered) {
        values.gauges.add(gauge(OBSERVED, values, v -> v.observed, tags,
            "Count observed in the latest closed window (status.lastCount)"));
        values.observedRegistered = true;
      }
      values.degraded = degraded ? 1 : 0;
      labelDegraded(values, tags, degradedReason(status));
      values.expected = hasForecast ? status.getExpectedNext() : Double.NaN;
      values.lower = hasForecast ? orNaN(status.getLowerNext()) : Double.NaN;
      values.upper = hasForecast ? orNaN(status.getUpperNext()) : Double.NaN;
      values.observed = hasObserved ? status.getLastCount() : Double.NaN;
      values.surge = status != null ? orNaN(status.getSurgeProbability()) : Double.NaN;
      updateErrorBudget(values, tags, hasBudget ? status.getErrorBudget() : null);
      updateLive(values.live, values.gauges, tags, status);
    }
  }

  /**
   * The error budget gauges, registered with the first status.errorBudget and NaN while there is
   * none. With an objective of 100 and an error the status shows no remaining and no burn rate
   * (they are not finite); the gauges show −Inf and +Inf, so the alerts on them fire.
   */
  private void updateErrorBudget(Values values, Tags tags, ErrorBudgetStatus budget) {
    if (budget != null && !values.budgetRegistered) {
      values.gauges.add(gauge(BUDGET_REMAINING, values, v -> v.budgetRemaining, tags,
          "Share of the SLO's error budget left over its period: 1 untouched, negative when "
          + "overspent (status.errorBudget.remaining)"));
      values.gauges.add(gauge(BUDGET_BURN_RATE, values, v -> v.budgetBurnRate, tags,
          "Error ratio of the last hour divided by (1 - objective) "
          + "(status.errorBudget.burnRate)"));
      values.gauges.add(gauge(BUDGET_EXHAUSTION, values, v -> v.budgetExhaustion, tags,
          "Forecast probability that the error budget is spent within the horizon "
          + "(status.errorBudget.exhaustionProbability)"));
      values.budgetRegistered = true;
    }
    boolean unbounded = budget != null && budget.getConsumedErrors() != null
        && budget.getConsumedErrors() > 0 && budget.getAllowedErrors() != null
        && budget.getAllowedErrors() == 0;
    values.budgetRemaining = budget == null ? Double.NaN
        : unbounded ? Double.NEGATIVE_INFINITY : orNaN(budget.getRemaining());
    values.budgetBurnRate = budget == null ? Double.NaN
        : budget.getBurnRate() == null && unbounded ? Double.POSITIVE_INFINITY
        : orNaN(budget.getBurnRate());
    values.budgetExhaustion = budget == null ? Double.NaN
        : orNaN(budget.getExhaustionProbability());
    Map<String, Double> rates = budget == null || budget.getBurnRates() == null ? Map.of()
        : budget.getBurnRates();
    for (String window : rates.keySet()) {
      if (!values.windowBurnRates.containsKey(window)) {
        values.windowBurnRates.put(window, Double.NaN);
        values.gauges.add(gauge(BUDGET_WINDOW_BURN_RATE, values,
            v -> v.windowBurnRates.getOrDefault(window, Double.NaN), tags.and("window", window),
            "Burn rate over the window label's span, for the SRE workbook's multiwindow alerts "
            + "(status.errorBudget.burnRates)"));
      }
    }
    values.windowBurnRates.replaceAll((window, old) -> rates.containsKey(window)
        ? rates.get(window)
        : unbounded ? Double.POSITIVE_INFINITY : Double.NaN);
  }

  /**
   * The live-calibration gauges: the last closed window's anomaly score, its count and the
   * forecast made for it (expected and both ends of the 90% interval, so a dashboard draws the
   * band and the actuals for the same window), live coverage and PIT share, the larger drift
   * index, the model's version and age.
   */
  private void updateLive(LiveValues live, List<Gauge> gauges, Tags tags,
      CountForecastStatus status) {
    if (status == null || status.getModel() == null && !live.registered) {
      return;
    }
    if (!live.registered) {
      gauges.add(gauge(ANOMALY_SCORE, live, v -> v.anomalyScore, tags,
          "How unusual the last closed window's count was under the forecast made before it: "
          + "1 - P(count >= observed); near 1 for an unexpected burst"));
      gauges.add(gauge(LAST_OBSERVED, live, v -> v.lastObserved, tags,
          "Count observed in the last closed window that had a forecast"));
      gauges.add(gauge(LAST_EXPECTED, live, v -> v.lastExpected, tags,
          "Expected count the forecast gave the last closed window"));
      gauges.add(gauge(LAST_LOWER, live, v -> v.lastLower, tags,
          "Lower end of the 90% interval the forecast gave the last closed window"));
      gauges.add(gauge(LAST_UPPER, live, v -> v.lastUpper, tags,
          "Upper end of the 90% interval the forecast gave the last closed window"));
      gauges.add(gauge(LIVE_COVERAGE90, live, v -> v.coverage90, tags,
          "Share of the last closed windows whose count fell in the forecast's 90% interval"));
      gauges.add(gauge(LIVE_PIT90, live, v -> v.pit90, tags,
          "Share of the last closed windows' randomized PIT values in [0.05, 0.95]"));
      gauges.add(gauge(DRIFT_PSI, live, v -> v.driftPsi, tags,
          "Population stability index of the recent windows against the training windows "
          + "(the larger of counts and exposure)"));
      gauges.add(gauge(MODEL_VERSION, live, v -> v.modelVersion, tags,
          "Version of the current model (+1 at each retraining)"));
      gauges.add(gauge(MODEL_AGE, live,
          v -> (System.currentTimeMillis() - v.trainedAtMillis) / 1000.0, tags,
          "Seconds since the current model was fitted"));
      live.registered = true;
    }
    var last = status.getLastWindow();
    live.anomalyScore = last == null ? Double.NaN : orNaN(last.getAnomalyScore());
    live.lastObserved = last == null ? Double.NaN : orNaN(last.getObserved());
    live.lastExpected = last == null ? Double.NaN : orNaN(last.getExpected());
    live.lastLower = last == null ? Double.NaN : orNaN(last.getLower());
    live.lastUpper = last == null ? Double.NaN : orNaN(last.getUpper());
    live.coverage90 = status.getLive() == null ? Double.NaN
        : orNaN(status.getLive().getCoverage90());
    live.pit90 = status.getLive() == null ? Double.NaN : orNaN(status.getLive().getPit90());
    live.driftPsi = status.getDrift() == null ? Double.NaN
        : Math.max(orNaN(status.getDrift().getCountPsi()),
            orNaN(status.getDrift().getExposurePsi()));
    live.modelVersion = status.getModel() == null ? Double.NaN
        : orNaN(status.getModel().getVersion());
    live.trainedAtMillis = status.getLastTrainedTime() == null ? Double.NaN
        : java.time.Instant.parse(status.getLastTrainedTime()).toEpochMilli();
  }

  /**
   * Publishes the forecast over the lead time, the feed for KEDA and prometheus-adapter
   * (docs/autoscaling.md): {@code countcast_forecast_upper_leadtime}, the largest 90% upper
   * bound among the windows that start within spec.action.leadTime, and
   * {@code countcast_surge_active}, 1 while a surging window starts within it. Both follow the
   * actions' rule of never acting on stale data: while the forecast is not fresh the first is
   * NaN and the second 0. Registered once the CountForecast has spec.surge and a forecast.
   */
  public void updateLeadTime(String namespace, String name, CountForecastStatus status,
      ForecastPlan plan, java.time.Instant now) {
    Values values = byResource.get(key(namespace, name));
    if (values == null || plan == null || plan.surge() == null || status == null
        || status.getForecast() == null) {
      return;
    }
    boolean fresh = SurgeFloorPolicy.isFresh(status, plan.model().trainEvery(), now);
    synchronized (values) {
      if (!values.leadTimeRegistered) {
        Tags tags = tags(namespace, name);
        values.gauges.add(gauge(UPPER_LEADTIME, values, v -> v.upperLeadTime, tags,
            "Largest upper end of the 90% interval among forecast windows starting within "
            + "spec.action.leadTime; NaN while the forecast is stale"));
        values.gauges.add(gauge(SURGE_ACTIVE, values, v -> v.surgeActive, tags,
            "1 while a surging window starts within spec.action.leadTime on a fresh forecast, "
            + "else 0"));
        values.leadTimeRegistered = true;
      }
      values.upperLeadTime = fresh ? LeadTimeForecast.maxUpper(status.getForecast(), now,
          plan.action().leadTime()) : Double.NaN;
      values.surgeActive = fresh && SurgeFloorPolicy.surgeDue(status.getForecast(), now,
          plan.action().leadTime(), plan.surge().probability()) ? 1 : 0;
    }
  }

  /** Whether {@code status} is stale or its Degraded condition is True. */
  static boolean isDegraded(CountForecastStatus status) {
    return status != null && (Boolean.TRUE.equals(status.getStale())
        || status.getConditions() != null && status.getConditions().stream().anyMatch(
            c -> ConditionType.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus())));
  }

  /**
   * The reason label of {@code countcast_degraded}: the Degraded condition's reason while it is
   * True, else {@value #STALE} for a stale forecast, else the condition's reason (Healthy), or
   * Healthy before there is a condition.
   */
  static String degradedReason(CountForecastStatus status) {
    Condition condition = status == null || status.getConditions() == null ? null
        : status.getConditions().stream().filter(c -> ConditionType.DEGRADED.equals(c.getType()))
            .findFirst().orElse(null);
    boolean conditionTrue = condition != null && "True".equals(condition.getStatus());
    if (!conditionTrue && status != null && Boolean.TRUE.equals(status.getStale())) {
      return STALE;
    }
    return condition != null && condition.getReason() != null ? condition.getReason()
        : Reasons.HEALTHY;
  }

  /**
   * Counts one surge action of {@code type}: raise, restore, externalChange, annotate,
   * dryRunRaise or dryRunRestore.
   */
  public void countAction(String type) {
    Counter.builder(ACTIONS).tag("type", type)
        .description("Surge actions taken (HPA floor raised or restored, annotations written)")
        .register(registry).increment();
  }

  /**
   * Counts one action failure reported to the user (as its Warning Event is: once per message):
   * {@code type} is the action type (ScaleHPA, Headroom), {@code reason} ActionReady's reason.
   */
  public void countActionFailure(String type, String reason) {
    Counter.builder(ACTION_FAILURES).tag("type", type).tag("reason", reason)
        .description("Action failures reported (ActionReady=False with this reason)")
        .register(registry).increment();
  }

  /** Removes the gauges of a deleted CountForecast. */
  public void remove(String namespace, String name) {
    Values values = byResource.remove(key(namespace, name));
    if (values == null) {
      return;
    }
    synchronized (values) {
      values.gauges.forEach(registry::remove);
      values.gauges.clear();
      if (values.degradedGauge != null) {
        registry.remove(values.degradedGauge);
        values.degradedGauge = null;
      }
    }
  }

  /**
   * Registers the degraded gauge under {@code reason}, first removing the one of a previous
   * reason: a forecast never has two degraded series, so sums and alerts over them stay right.
   */
  private void labelDegraded(Values values, Tags tags, String reason) {
    if (reason.equals(values.degradedReason)) {
      return;
    }
    if (values.degradedGauge != null) {
      registry.remove(values.degradedGauge);
    }
    values.degradedGauge = gauge(DEGRADED, values, v -> v.degraded, tags.and("reason", reason),
        "1 while the Degraded condition is True or status.stale is true, else 0; reason is the "
        + "Degraded condition's reason, or Stale");
    values.degradedReason = reason;
  }

  private void registerForecast(Values values, Tags tags) {
    values.gauges.add(gauge(EXPECTED, values, v -> v.expected, tags,
        "Expected count in the next forecast window"));
    values.gauges.add(gauge(LOWER, values, v -> v.lower, tags,
        "Lower end of the 90% prediction interval of the next window"));
    values.gauges.add(gauge(UPPER, values, v -> v.upper, tags,
        "Upper end of the 90% prediction interval of the next window"));
    values.gauges.add(gauge(SURGE, values, v -> v.surge, tags,
        "Probability that some window in the horizon exceeds the surge threshold"));
    values.forecastRegistered = true;
  }

  private <V> Gauge gauge(String name, V values, ToDoubleFunction<V> value, Tags tags,
      String description) {
    return Gauge.builder(name, values, value).tags(tags).description(description)
        .register(registry);
  }

  private static double orNaN(Number value) {
    return value == null ? Double.NaN : value.doubleValue();
  }

  private static Tags tags(String namespace, String name) {
    return Tags.of("namespace", namespace, "name", name);
  }

  private static String key(String namespace, String name) {
    return namespace + '/' + name;
  }
}
