package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.countcast.signal.prometheus.PrometheusClient;
import io.countcast.signal.prometheus.PrometheusClientSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One CountForecast's slow signal is stopped at the limit, counted, and leaks no interrupt. */
class SignalDeadlineTest {

  private final AtomicInteger exceeded = new AtomicInteger();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer slowPrometheus;

  @BeforeEach
  void start() throws IOException {
    // Accepts the connection, then answers only after 30 s: a Prometheus stuck on a query.
    slowPrometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slowPrometheus.createContext("/", exchange -> {
      try (exchange) {
        Thread.sleep(30_000);
        exchange.sendResponseHeaders(500, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    slowPrometheus.setExecutor(handlers);
    slowPrometheus.start();
  }

  @AfterEach
  void stop() {
    slowPrometheus.stop(0);
    handlers.shutdownNow();
  }

  @Test
  void aSlowPrometheusIsStoppedAtTheLimitAndCounted() {
    // Its own timeout (60 s) would hold the thread far longer than the operator's limit.
    PrometheusClient client = new PrometheusClient(PrometheusClientSettings.defaults(
        URI.create("http://127.0.0.1:" + slowPrometheus.getAddress().getPort()))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));
    SignalDeadline deadline = new SignalDeadline(Duration.ofMillis(500), exceeded::incrementAndGet);

    long start = System.nanoTime();
    assertThatThrownBy(() -> deadline.run("collecting the prometheus signal",
        () -> client.queryInstant("up", 1_700_000_000)))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo(Reasons.SIGNAL_DEADLINE_EXCEEDED);
          assertThat(e.problem().message()).isEqualTo("collecting the prometheus signal took"
              + " longer than the operator's limit of 500 ms per reconcile and was stopped; the next"
              + " reconcile tries again");
        });
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(exceeded).hasValue(1);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt leaked").isFalse();
  }

  @Test
  void workThatIgnoresTheInterruptStillEndsAsExceeded() {
    SignalDeadline deadline = new SignalDeadline(Duration.ofMillis(50), exceeded::incrementAndGet);
    assertThatThrownBy(() -> deadline.run("busy", () -> {
      long end = System.nanoTime() + 300_000_000L;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
      return 1;
    })).isInstanceOf(ProblemException.class);
    assertThat(exceeded).hasValue(1);
    assertThat(Thread.interrupted()).as("interrupt leaked").isFalse();
  }

  @Test
  void inTimeWorkKeepsItsResultOrItsFailure() throws InterruptedException {
    SignalDeadline deadline = new SignalDeadline(Duration.ofMillis(200), exceeded::incrementAndGet);
    assertThat(deadline.run("fast", () -> 42)).isEqualTo(42);
    IllegalStateException failure = new IllegalStateException("boom");
    assertThatThrownBy(() -> deadline.run("failing", () -> {
      throw failure;
    })).isSameAs(failure);
    Thread.sleep(400);
    assertThat(exceeded).hasValue(0);
    assertThat(Thread.interrupted()).as("a late alarm interrupted the thread").isFalse();
  }
}
