package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.CountForecastStatus;
import io.countcast.api.DriftStatus;
import io.countcast.api.LastWindowStatus;
import io.countcast.api.LiveStatus;
import io.countcast.api.ModelStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The live-calibration gauges and the forecast-duration histogram, as Prometheus scrapes them. */
class LiveMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ForecastMetrics metrics = new ForecastMetrics(registry);

  private static CountForecastStatus status() {
    CountForecastStatus status = new CountForecastStatus();
    ModelStatus model = new ModelStatus();
    model.setVersion(3L);
    status.setModel(model);
    status.setLastTrainedTime(Instant.now().minusSeconds(120).toString());
    LastWindowStatus last = new LastWindowStatus();
    last.setObserved(40L);
    last.setExpected(4.0);
    last.setLower(1L);
    last.setUpper(9L);
    last.setAnomalyScore(0.9999);
    status.setLastWindow(last);
    LiveStatus live = new LiveStatus();
    live.setCoverage90(0.91);
    live.setPit90(0.88);
    status.setLive(live);
    DriftStatus drift = new DriftStatus();
    drift.setCountPsi(0.4);
    drift.setExposurePsi(2.1);
    status.setDrift(drift);
    return status;
  }

  private double scraped(String name) {
    String prefix = name + "{name=\"web\",namespace=\"ns\"} ";
    return registry.scrape().lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not scraped"));
  }

  @Test
  void theLiveGaugesFollowTheStatusUnderTheirPrometheusNames() {
    metrics.update("ns", "web", new CountForecastStatus());
    assertThat(registry.scrape()).doesNotContain("countcast_anomaly_score");
    metrics.update("ns", "web", status());
    assertThat(scraped("countcast_anomaly_score")).isEqualTo(0.9999);
    assertThat(scraped("countcast_last_window_observed")).isEqualTo(40);
    assertThat(scraped("countcast_last_window_expected")).isEqualTo(4);
    assertThat(scraped("countcast_last_window_lower")).isEqualTo(1);
    assertThat(scraped("countcast_last_window_upper")).isEqualTo(9);
    assertThat(scraped("countcast_live_coverage90")).isEqualTo(0.91);
    assertThat(scraped("countcast_live_pit90")).isEqualTo(0.88);
    assertThat(scraped("countcast_drift_psi")).isEqualTo(2.1);
    assertThat(scraped("countcast_model_version")).isEqualTo(3);
    assertThat(scraped("countcast_model_age_seconds")).isBetween(119.0, 180.0);

    metrics.remove("ns", "web");
    assertThat(registry.scrape()).doesNotContain("countcast_anomaly_score{");
  }

  @Test
  void eachFitIsObservedInTheForecastDurationHistogram() {
    metrics.timeFit(() -> 1);
    String scrape = registry.scrape();
    assertThat(scrape).contains("countcast_forecast_duration_seconds_bucket{le=\"0.1\"} 1");
    assertThat(scrape).contains("countcast_forecast_duration_seconds_count 1");
    assertThat(scrape).contains("countcast_fit_seconds_count 1");
  }
}
