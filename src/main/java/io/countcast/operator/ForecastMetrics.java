package io.countcast.operator;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
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
 * surge probability and of whether it is degraded and why (labelled namespace and name, removed
 * when the CountForecast is deleted), the {@code countcast_fit_seconds} timer of model fits, the
 * {@code countcast_signal_seconds{signal}} timer of signal collections, the
 * {@code countcast_reconcile_deadline_exceeded_total} counter of collections stopped at the
 * per-reconcile limit and the {@code countcast_actions_total{type}} counter of surge actions taken.
 */
public final class ForecastMetrics {

  static final String EXPECTED = "countcast.forecast.expected";
  static final String LOWER = "countcast.forecast.lower";
  static final String UPPER = "countcast.forecast.upper";
  static final String OBSERVED = "countcast.observed";
  static final String SURGE = "countcast.surge.probability";
  static final String DEGRADED = "countcast.degraded";
  static final String ACTIONS = "countcast.actions";
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
    /** Every gauge but the degraded one. */
    final List<Gauge> gauges = new ArrayList<>();
    Gauge degradedGauge;
    String degradedReason;
    boolean forecastRegistered;
    boolean observedRegistered;
  }

  private final MeterRegistry registry;
  private final Timer fitTimer;
  private final Counter deadlineExceeded;
  private final Map<String, Values> byResource = new ConcurrentHashMap<>();

  public ForecastMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Buckets, so a refit's p50/p99 can be read from /metrics (docs/scale.md).
    this.fitTimer = Timer.builder("countcast.fit")
        .description("Time to fit a model and forecast the horizon")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
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

  /** Times one fit. */
  public <T> T timeFit(Supplier<T> fit) {
    return fitTimer.record(fit);
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
    Values values = hasForecast || hasObserved || degraded
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

  private Gauge gauge(String name, Values values, ToDoubleFunction<Values> value, Tags tags,
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
