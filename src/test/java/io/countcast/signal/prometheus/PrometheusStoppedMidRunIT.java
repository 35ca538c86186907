package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A real Prometheus that goes away between two fetches of the same source. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusStoppedMidRunIT {

  private LocalPrometheus prometheus;

  @BeforeAll
  void start() throws IOException {
    prometheus = LocalPrometheus.create();
    prometheus.start();
  }

  @AfterAll
  void stop() throws IOException {
    prometheus.close();
  }

  @Test
  void connectionRefusedEndsInAClearErrorAfterBoundedRetries() {
    List<Duration> sleeps = new ArrayList<>();
    PrometheusClient client = new PrometheusClient(PrometheusClientSettings
        .defaults(prometheus.baseUrl())
        .withRetry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200))),
        new Random(7), sleeps::add);
    PrometheusSignalSource source = new PrometheusSignalSource(client,
        PrometheusSignalSpec.ofQuery(null, "sum(increase(http_requests_total[$window]))", null),
        SignalWindowing.of(Duration.ofMinutes(5), Duration.ofHours(1)),
        QueryScope.confinedTo("shop"));
    Instant now = Instant.now();

    assertThat(source.fetch(null, now)).isEmpty(); // up, but holds no data

    prometheus.stop();
    assertThatThrownBy(() -> source.fetch(null, now))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("Prometheus at " + prometheus.baseUrl() + " failed 3 attempts")
        .hasMessageContaining("connection refused");
    assertThat(sleeps).hasSize(2);
  }
}
