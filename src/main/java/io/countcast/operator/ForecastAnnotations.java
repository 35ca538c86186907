package io.countcast.operator;

import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The surge forecast as annotations on the target workload and its HPA (action types Annotate
 * and ScaleHPA), so dashboards, other controllers and humans see it where they look. Pure.
 */
final class ForecastAnnotations {

  static final String SURGE_PROBABILITY = HpaFloor.PREFIX + "surge-probability";
  static final String EXPECTED_PEAK = HpaFloor.PREFIX + "expected-peak";
  static final String SURGE_START = HpaFloor.PREFIX + "surge-start";
  static final String FORECAST_UPDATED = HpaFloor.PREFIX + "forecast-updated";

  private ForecastAnnotations() {}

  /**
   * The annotations for {@code status} at {@code now}; a null value means "remove" (no surge
   * window ahead, no window left). Empty when there is no forecast yet.
   *
   * <ul>
   *   <li>surge-probability: status.surgeProbability, 3 decimals;</li>
   *   <li>expected-peak: the highest expected count of the windows not yet ended, 2 decimals;</li>
   *   <li>surge-start: start of the first surging window not yet ended;</li>
   *   <li>forecast-updated: status.lastForecastTime.</li>
   * </ul>
   */
  static Map<String, String> of(CountForecastStatus status, double level, Instant now) {
    Map<String, String> values = new LinkedHashMap<>();
    if (status == null || status.getModel() == null || status.getForecast() == null) {
      return values;
    }
    values.put(SURGE_PROBABILITY, status.getSurgeProbability() == null ? null
        : String.format(Locale.ROOT, "%.3f", status.getSurgeProbability()));
    values.put(EXPECTED_PEAK, status.getForecast().stream()
        .filter(w -> w.getEnd() != null && Instant.parse(w.getEnd()).isAfter(now))
        .map(ForecastWindow::getExpected).filter(e -> e != null).max(Double::compare)
        .map(peak -> String.format(Locale.ROOT, "%.2f", peak)).orElse(null));
    values.put(SURGE_START, SurgeFloorPolicy.nextSurgeStart(status.getForecast(), now, level)
        .map(StatusAggregator::rfc3339).orElse(null));
    values.put(FORECAST_UPDATED, status.getLastForecastTime());
    return values;
  }

  /** The entries of {@code wanted} that differ from {@code current}; empty when none do. */
  static Map<String, String> changes(Map<String, String> current, Map<String, String> wanted) {
    Map<String, String> existing = current == null ? Map.of() : current;
    Map<String, String> changes = new LinkedHashMap<>();
    wanted.forEach((key, value) -> {
      boolean same = value == null ? !existing.containsKey(key) : value.equals(existing.get(key));
      if (!same) {
        changes.put(key, value);
      }
    });
    return changes;
  }
}
