package io.countcast.operator;

import io.countcast.api.CountForecastStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The operator's own meters: per CountForecast gauges of the next window's expected count and
 * upper bound and of the surge probability (labelled namespace and name, removed when the
 * CountForecast is deleted), the {@code countcast_fit_seconds} timer of model fits and the
 * {@code countcast_actions_total{type}} counter of surge actions taken.
 */
public final class ForecastMetrics {

  static final String EXPECTED = "countcast.forecast.expected";
  static final String UPPER = "countcast.forecast.upper";
  static final String SURGE = "countcast.surge.probability";
  static final String ACTIONS = "countcast.actions";

  /** The latest published values of one CountForecast; NaN until a forecast exists. */
  private static final class Values {
    volatile double expected = Double.NaN;
    volatile double upper = Double.NaN;
    volatile double surge = Double.NaN;
    final Gauge[] gauges = new Gauge[3];
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
   * Publishes the next window's forecast in {@code status}; does nothing until the status has
   * one, and reads NaN once every forecast window has passed.
   */
  public void update(String namespace, String name, CountForecastStatus status) {
    boolean hasForecast = status != null && status.getExpectedNext() != null;
    Values values = hasForecast
        ? byResource.computeIfAbsent(key(namespace, name), k -> register(namespace, name))
        : byResource.get(key(namespace, name));
    if (values == null) {
      return;
    }
    values.expected = hasForecast ? status.getExpectedNext() : Double.NaN;
    values.upper = hasForecast && status.getUpperNext() != null ? status.getUpperNext() : Double.NaN;
    values.surge = status != null && status.getSurgeProbability() != null
        ? status.getSurgeProbability() : Double.NaN;
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
    Tags tags = Tags.of("namespace", namespace, "name", name);
    values.gauges[0] = Gauge.builder(EXPECTED, values, v -> v.expected).tags(tags)
        .description("Expected count in the next forecast window").register(registry);
    values.gauges[1] = Gauge.builder(UPPER, values, v -> v.upper).tags(tags)
        .description("Upper end of the 90% prediction interval of the next window").register(registry);
    values.gauges[2] = Gauge.builder(SURGE, values, v -> v.surge).tags(tags)
        .description("Probability that some window in the horizon exceeds the surge threshold")
        .register(registry);
    return values;
  }

  private static String key(String namespace, String name) {
    return namespace + '/' + name;
  }
}
