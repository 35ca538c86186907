package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.PredictionArchiveCodec;
import io.countcast.signal.prometheus.LocalPrometheus;
import io.countcast.signal.prometheus.testdata.CounterSeries;
import io.countcast.signal.prometheus.testdata.HttpTrafficGenerator;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live calibration against a real Prometheus holding two weeks of generated errors and requests
 * (backfilled with promtool) and a real kube-apiserver: the reconciler is driven window by
 * window on a clock inside the data, as the operator's schedule would drive it. The data carry
 * an injected error burst in one window, and from a later window on twice the traffic (requests
 * and errors). Checked: the burst window's anomaly score is near 1; the doubled traffic is
 * DataDrift and retrains the model before trainEvery (24 h) is due, with a RetrainingOnDrift
 * Event; model.version goes up by one at each training, also across a restarted operator.
 */
class LiveCalibrationPrometheusIT {

  private static final String NS = "shop";
  private static final long START = 1_717_200_000L; // 2024-06-01T00:00:00Z
  private static final long W = 300;
  /** The model is first trained here (13 days in, at noon), on the 7 days before. */
  private static final long T0 = START + 13 * 86_400L + 12 * 3600L;
  /** The window with the injected burst of errors. */
  private static final long BURST = T0 + W;
  private static final long BURST_ERRORS = 300;
  /** From here on, every series counts twice as fast. */
  private static final long DOUBLED = T0 + 3 * W;
  private static final Duration SETTLE = Duration.ofSeconds(61);
  private static final String ERRORS = "sum(increase(http_requests_total{code=~\"5..\"}[$window]))";
  private static final String REQUESTS = "sum(increase(http_requests_total[$window]))";

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;
  private static LocalPrometheus prometheus;

  /** A clock the test moves. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now;

    SteppedClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    client = API_SERVER.client();
    List<CounterSeries> generated = HttpTrafficGenerator.generate(new HttpTrafficGenerator.Config(
        START, 14, 20261207L, List.of(NS), 200, 0.8, 17, -1, -1, -1));
    prometheus = LocalPrometheus.create();
    prometheus.backfill(generated.stream().map(LiveCalibrationPrometheusIT::inject).toList());
    prometheus.start();
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
    client.resource(TestWorkloads.deployment(NS, "checkout", 1)).create();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** The series with the burst (500s only) and the doubling from {@link #DOUBLED} on. */
  private static CounterSeries inject(CounterSeries s) {
    long[] events = s.events().clone();
    boolean serverError = "500".equals(s.labels().get("code"));
    for (int i = 0; i < events.length; i++) {
      long t = s.times()[i];
      if (t > DOUBLED) {
        events[i] *= 2;
      }
      if (serverError && t > BURST && t <= BURST + W) {
        events[i] += BURST_ERRORS / 5; // five scrapes in the window
      }
    }
    long[] values = s.values().clone();
    for (int i = 1; i < values.length; i++) {
      values[i] = values[i - 1] + events[i];
    }
    return new CounterSeries(s.labels(), s.times(), values, events);
  }

  private static CountForecastReconciler reconciler(Clock clock) {
    ForecastMetrics metrics = new ForecastMetrics(new SimpleMeterRegistry());
    return new CountForecastReconciler(client,
        new SeriesForecasterAdapter(RegressionEngine.INSTANCE),
        new SurgeActions(client, metrics, clock), metrics, clock,
        new PrometheusDefaults(prometheus.baseUrl(), false, null,
            List.of(prometheus.baseUrl())));
  }

  /** One reconcile; the status it computes is kept on {@code forecast} for the next. */
  private static CountForecastStatus reconcile(CountForecastReconciler reconciler,
      CountForecast forecast) {
    UpdateControl<CountForecast> control = reconciler.reconcile(forecast, null);
    control.getResource().ifPresent(r -> forecast.setStatus(r.getStatus()));
    return forecast.getStatus();
  }

  @Test
  void aBurstScoresNearOneDoubledTrafficIsDriftAndRetrainsAndVersionsCount() {
    CountForecast spec = TestForecasts.prometheusForecast(NS, "checkout", "checkout", ERRORS,
        REQUESTS);
    spec.getSpec().setHistory("7d");
    spec.getSpec().setTrainEvery("24h");
    spec.getSpec().getSignal().getPrometheus().setUrl(prometheus.baseUrl().toString());
    CountForecast forecast = client.resource(spec).create();
    SteppedClock clock = new SteppedClock(Instant.ofEpochSecond(T0).plus(SETTLE));
    CountForecastReconciler reconciler = reconciler(clock);

    CountForecastStatus status = reconcile(reconciler, forecast);
    assertThat(TestForecasts.isReady(forecast)).as("%s", status.getConditions()).isTrue();
    assertThat(status.getModel().getVersion()).isEqualTo(1);
    assertThat(status.getModel().getTrainedOn().getEnd()).isEqualTo(
        Instant.ofEpochSecond(T0).toString());
    assertThat(status.getForecast()).allSatisfy(w -> assertThat(w.getModelVersion()).isEqualTo(1));

    // Window by window through the burst and the doubled traffic.
    List<Long> versions = new ArrayList<>();
    Double burstScore = null;
    boolean sawDataDrift = false;
    for (int k = 1; k <= DriftCheck.RECENT_WINDOWS + 2; k++) {
      clock.now = Instant.ofEpochSecond(T0 + k * W).plus(SETTLE);
      status = reconcile(reconciler, forecast);
      versions.add(status.getModel().getVersion());
      if (status.getLastWindow() != null
          && status.getLastWindow().getStart().equals(Instant.ofEpochSecond(BURST).toString())) {
        burstScore = status.getLastWindow().getAnomalyScore();
        assertThat(status.getLastWindow().getObserved()).isGreaterThanOrEqualTo(BURST_ERRORS);
      }
      sawDataDrift |= TestForecasts.has(forecast, ConditionType.CALIBRATED, "False",
          Reasons.DATA_DRIFT);
    }
    // The measured values, for docs/calibration.md.
    System.out.printf("burst anomaly score %s; drift %s; live %s; versions %s%n", burstScore,
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(status.getDrift()),
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(status.getLive()), versions);
    assertThat(burstScore).as("anomaly score of the burst window").isNotNull()
        .isGreaterThanOrEqualTo(0.999);
    assertThat(sawDataDrift).as("DataDrift seen; drift now %s", status.getDrift()).isTrue();
    assertThat(status.getDrift().getExposurePsi()).isGreaterThan(status.getDrift().getThreshold());
    // trainEvery is 24 h: only the drift retrained, once, when the model had seen none of the
    // recent windows; version 1 before, 2 after
    assertThat(versions).startsWith(1L).endsWith(2L).containsOnly(1L, 2L);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> Reasons.RETRAINING_ON_DRIFT.equals(e.getReason()))
        .singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Normal");
          assertThat(e.getMessage()).contains("exposure");
        });

    // The archive holds the burst window beside its forecast, for history export.
    ConfigMap map = client.configMaps().inNamespace(NS)
        .withName(HistoryStore.predictionsConfigMapName("checkout")).get();
    PredictionArchive archive = PredictionArchiveCodec.decode(map.getData(),
        PredictionArchive.MAX_WINDOWS, "ConfigMap");
    ArchivedWindow burst = archive.closed().stream()
        .filter(w -> w.startEpochSecond() == BURST).findFirst().orElseThrow();
    assertThat(burst.tailProbability()).isLessThan(1e-3);
    assertThat(burst.prediction().version()).isEqualTo(1);
    assertThat(archive.model().version()).isEqualTo(2);

    // A restarted operator (nothing in memory) trains at once and numbers on from the archive.
    status = reconcile(reconciler(clock), forecast);
    assertThat(status.getModel().getVersion()).isEqualTo(3);
  }
}
