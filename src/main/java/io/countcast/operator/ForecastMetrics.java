package io.countcast.operator;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The operator's own meters: per CountForecast gauges of the next window's expected count and
 * upper bound, of the surge probability and of whether it is degraded (labelled namespace and
 * name, removed when the CountForecast is deleted), the {@code countcast_fit_seconds} timer of model fits and the
 * {@code countcast_actions_total{type}} counter of surge actions taken.
 */
public final class ForecastMetrics {

  static final String EXPECTED = "countcast.forecast.expected";
  static final String UPPER = "countcast.forecast.upper";
  static final String SURGE = "countcast.surge.probability";
  static final String DEGRADED = "countcast.degraded";
  static final String ACTIONS = "countcast.actions";

  /** The latest published values of one CountForecast; NaN until a forecast exists. */
  private static final class Values {
    volatile double expected = Double.NaN;
    volatile double upper = Double.NaN;
    volatile double surge = Double.NaN;
    volatile double degraded;
    /** The degraded gauge, then the forecast gauges once a forecast exists. */
    final List<Gauge> gauges = new CopyOnWriteArrayList<>();
    volatile boolean forecastRegistered;
  }

  private final MeterRegistry registry;
  private final Timer fitTimer;
  private final Map<String, Values> byResource = new ConcurrentHashMap<>();

  public ForecastMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.fitTimer = Timer.builder("countcast.fit")
        .description("Time to fit a model and forecast the horizon").register(registry);
  }

  /** Times one fit. */
  public <T> T timeFit(Supplier<T> fit) {
    return fitTimer.record(fit);
  }

  /**
   * Publishes the next window's forecast in {@code status} and whether it is degraded. The
   * degraded gauge appears with the first status that has a forecast or is degraded (a new
   * CountForecast is Degraded until it has enough history, and an operator that never gets
   * data must still be alertable); the forecast gauges appear with the first forecast and read
   * NaN once every forecast window has passed.
   */
  public void update(String namespace, String name, CountForecastStatus status) {
    boolean hasForecast = status != null && status.getExpectedNext() != null;
    boolean degraded = isDegraded(status);
    Values values = hasForecast || degraded
        ? byResource.computeIfAbsent(key(namespace, name), k -> register(namespace, name))
        : byResource.get(key(namespace, name));
    if (values == null) {
      return;
    }
    if (hasForecast && !values.forecastRegistered) {
      registerForecast(values, namespace, name);
    }
    values.degraded = degraded ? 1 : 0;
    values.expected = hasForecast ? status.getExpectedNext() : Double.NaN;
    values.upper = hasForecast && status.getUpperNext() != null ? status.getUpperNext() : Double.NaN;
    values.surge = status != null && status.getSurgeProbability() != null
        ? status.getSurgeProbability() : Double.NaN;
  }

  /** Whether {@code status} is stale or its Degraded condition is True. */
  static boolean isDegraded(CountForecastStatus status) {
    return status != null && (Boolean.TRUE.equals(status.getStale())
        || status.getConditions() != null && status.getConditions().stream().anyMatch(
            c -> ConditionType.DEGRADED.equals(c.getType()) && "True".equals(c.getStatus())));
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
    if (values != null) {
      for (Gauge gauge : values.gauges) {
        registry.remove(gauge);
      }
    }
  }

  private Values register(String namespace, String name) {
    Values values = new Values();
    values.gauges.add(Gauge.builder(DEGRADED, values, v -> v.degraded)
        .tags(tags(namespace, name))
        .description("1 while the Degraded condition is True or status.stale is true, else 0")
        .register(registry));
    return values;
  }

  private synchronized void registerForecast(Values values, String namespace, String name) {
    if (values.forecastRegistered) {
      return;
    }
    Tags tags = tags(namespace, name);
    values.gauges.add(Gauge.builder(EXPECTED, values, v -> v.expected).tags(tags)
        .description("Expected count in the next forecast window").register(registry));
    values.gauges.add(Gauge.builder(UPPER, values, v -> v.upper).tags(tags)
        .description("Upper end of the 90% prediction interval of the next window").register(registry));
    values.gauges.add(Gauge.builder(SURGE, values, v -> v.surge).tags(tags)
        .description("Probability that some window in the horizon exceeds the surge threshold")
        .register(registry));
    values.forecastRegistered = true;
  }

  private static Tags tags(String namespace, String name) {
    return Tags.of("namespace", namespace, "name", name);
  }

  private static String key(String namespace, String name) {
    return namespace + '/' + name;
  }
}
