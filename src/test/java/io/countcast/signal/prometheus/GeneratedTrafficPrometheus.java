package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.testdata.CounterSeries;
import io.countcast.signal.prometheus.testdata.HttpTrafficGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Prometheus holding seven days of generated traffic of namespaces {@code shop} and
 * {@code payments}, shared by every test class of one run that takes it as a
 * {@code @BeforeAll} parameter (backfilling is the slow part). It lives in JUnit's root store
 * and is stopped, and its directory removed, when the run ends.
 */
final class GeneratedTrafficPrometheus implements AutoCloseable {

  static final long START = 1_717_200_000L; // 2024-06-01T00:00:00Z
  static final long HOUR = 3600;
  static final int DAYS = 7;
  /** Maintenance (no traffic) hours 30-31, scrape gap hours 60-62, 500 counter reset at 48. */
  static final HttpTrafficGenerator.Config CONFIG = new HttpTrafficGenerator.Config(START, DAYS,
      20240601L, List.of("shop", "payments"), 200, 0.8, 17, 30, 60, 48);
  /** Two minutes after the data ends: with a 1 minute settle delay every window is complete. */
  static final Instant NOW = Instant.ofEpochSecond(START + DAYS * 24 * HOUR + 120);

  final LocalPrometheus prometheus;
  final List<CounterSeries> generated;

  private GeneratedTrafficPrometheus(LocalPrometheus prometheus, List<CounterSeries> generated) {
    this.prometheus = prometheus;
    this.generated = generated;
  }

  private static GeneratedTrafficPrometheus start() {
    try {
      List<CounterSeries> generated = HttpTrafficGenerator.generate(CONFIG);
      LocalPrometheus prometheus = LocalPrometheus.create();
      prometheus.backfill(generated);
      prometheus.start();
      return new GeneratedTrafficPrometheus(prometheus, generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated series of namespace {@code shop} whose code passes the filter. */
  List<CounterSeries> shop(Predicate<String> code) {
    return generated.stream().filter(s -> s.labels().get("namespace").equals("shop")
        && code.test(s.labels().get("code"))).toList();
  }

  PrometheusClient client() {
    return new PrometheusClient(PrometheusClientSettings.defaults(prometheus.baseUrl()));
  }

  @Override
  public void close() throws IOException {
    prometheus.close();
  }

  /** Resolves {@link GeneratedTrafficPrometheus} parameters from the run-wide store. */
  static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == GeneratedTrafficPrometheus.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
          GeneratedTrafficPrometheus.class, k -> start(), GeneratedTrafficPrometheus.class);
    }
  }
}
