package io.countcast.operator;

import io.countcast.signal.WindowSample;
import io.countcast.signal.prometheus.LocalPrometheus;
import io.countcast.signal.prometheus.testdata.CounterSeries;
import io.countcast.signal.prometheus.testdata.HttpTrafficGenerator;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The stage of the operator tests on a real Prometheus: {@value #DAYS} days of generated HTTP
 * traffic of some namespaces backfilled into a started {@link LocalPrometheus}, the CRD, and in
 * each namespace a Deployment {@code checkout}. The operator's clock is the wall clock shifted
 * into the data ({@link #clock}), so the first fetch after the backfill comes at a chosen moment.
 */
final class PrometheusTenants implements AutoCloseable {

  static final long START = 1_717_200_000L; // 2024-06-01T00:00:00Z
  static final int DAYS = 2;
  /** Window of {@link TestForecasts#prometheusForecast}, seconds. */
  static final long WINDOW = 300;
  /** Data end; the operator starts two windows later. */
  static final long DATA_END = START + DAYS * 86_400L;
  static final Duration SETTLE = Duration.ofMinutes(1);
  /** When the window ending two windows after the data becomes complete. */
  static final Instant FIRST_FETCH = Instant.ofEpochSecond(DATA_END + 2 * WINDOW).plus(SETTLE);

  private final List<CounterSeries> generated;
  private final LocalPrometheus prometheus;

  private PrometheusTenants(List<CounterSeries> generated, LocalPrometheus prometheus) {
    this.generated = generated;
    this.prometheus = prometheus;
  }

  /** Generates, backfills and starts Prometheus; creates the CRD, namespaces and Deployments. */
  static PrometheusTenants start(KubernetesClient client, long seed, List<String> namespaces)
      throws IOException {
    List<CounterSeries> generated = HttpTrafficGenerator.generate(new HttpTrafficGenerator.Config(
        START, DAYS, seed, namespaces, 200, 0.8, 17, 30, -1, -1));
    LocalPrometheus prometheus = LocalPrometheus.create();
    prometheus.backfill(generated);
    prometheus.start();
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    for (String ns : namespaces) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .endMetadata().build()).create();
      client.resource(TestWorkloads.deployment(ns, "checkout", 1)).create();
    }
    return new PrometheusTenants(generated, prometheus);
  }

  LocalPrometheus prometheus() {
    return prometheus;
  }

  /** A clock at which {@link #FIRST_FETCH} comes {@code ahead} from now. */
  static Clock clock(Duration ahead) {
    return Clock.offset(Clock.systemUTC(),
        Duration.between(Instant.now(), FIRST_FETCH.minus(ahead)));
  }

  /** The true number of 5xx answers of {@code namespace} within these windows. */
  long serverErrors(String namespace, List<WindowSample> windows) {
    return generated.stream()
        .filter(s -> s.labels().get("namespace").equals(namespace)
            && s.labels().get("code").startsWith("5"))
        .mapToLong(s -> windows.stream()
            .mapToLong(w -> s.eventsIn(w.startEpochSecond(), w.endEpochSecond())).sum())
        .sum();
  }

  /** The true number of 5xx answers (or of all requests) of {@code namespace} in (from, to]. */
  long events(String namespace, boolean errorsOnly, long from, long to) {
    return generated.stream()
        .filter(s -> s.labels().get("namespace").equals(namespace)
            && (!errorsOnly || s.labels().get("code").startsWith("5")))
        .mapToLong(s -> s.eventsIn(from, to)).sum();
  }

  @Override
  public void close() throws IOException {
    prometheus.close();
  }
}
