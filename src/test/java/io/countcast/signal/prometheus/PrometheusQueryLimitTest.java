package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus clients of many CountForecasts sharing one {@link PrometheusQueryLimit} never
 * have more requests in flight than the limit, as a slow Prometheus sees them.
 */
class PrometheusQueryLimitTest {

  private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
      + "\"result\":[{\"metric\":{},\"value\":[1700000000,\"1\"]}]}}";

  private HttpServer server;
  private ExecutorService serverThreads;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    serverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50); // a slow Prometheus: requests overlap unless something bounds them
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      served.incrementAndGet();
      byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private PrometheusClientSettings settings() {
    return PrometheusClientSettings.defaults(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @Test
  void twelveCountForecastsQueryingAtOnceKeepAtMostThreeRequestsInFlight() throws Exception {
    PrometheusHttpClients shared = new PrometheusHttpClients(new PrometheusQueryLimit(3));
    ExecutorService reconcilers = Executors.newFixedThreadPool(12);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> queries = new ArrayList<>();
      for (int forecast = 0; forecast < 12; forecast++) {
        PrometheusClient client = shared.client(settings());
        queries.add(reconcilers.submit(() -> {
          go.await();
          return client.queryInstant("up", 1_700_000_000);
        }));
      }
      go.countDown();
      for (Future<?> query : queries) {
        query.get(30, TimeUnit.SECONDS);
      }
    } finally {
      reconcilers.shutdownNow();
    }

    assertThat(served).hasValue(12);
    assertThat(mostInFlight.get()).isEqualTo(3);
    assertThat(shared.limit().inFlight()).isZero();
  }

  @Test
  void aRequestInterruptedWhileWaitingForASlotFailsAndKeepsTheInterrupt() throws Exception {
    PrometheusQueryLimit limit = new PrometheusQueryLimit(1);
    PrometheusClient client = new PrometheusHttpClients(limit).client(settings());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    try (PrometheusQueryLimit.Slot taken = limit.acquire("test")) {
      Thread waiter = new Thread(() -> {
        try {
          client.queryInstant("up", 1_700_000_000);
        } catch (RuntimeException e) {
          failure.set(e);
          interrupted.set(Thread.currentThread().isInterrupted());
        }
      });
      waiter.start();
      while (limit.waiting() == 0) {
        Thread.onSpinWait();
      }
      waiter.interrupt();
      waiter.join(10_000);
    }

    assertThat(failure.get()).isInstanceOf(PrometheusException.class)
        .hasMessage("query of 'up': interrupted while waiting for one of 1 Prometheus request "
            + "slots");
    assertThat(interrupted.get()).isTrue();
    assertThat(served).hasValue(0);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void theLimitIsAtLeastOne() {
    assertThatThrownBy(() -> new PrometheusQueryLimit(0))
        .hasMessage("at least one concurrent Prometheus request, got 0");
  }
}
