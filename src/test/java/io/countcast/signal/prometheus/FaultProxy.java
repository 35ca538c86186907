package io.countcast.signal.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a real Prometheus that can delay answers, fail with 500 or
 * answer garbage (a proxy's HTML page), and counts the requests it received.
 */
public final class FaultProxy implements AutoCloseable {

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newCachedThreadPool();
  private final URI target;
  private final HttpClient forwarder = HttpClient.newHttpClient();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean fail500;
  private volatile boolean garbage;

  public FaultProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  /** Forward normally, without delay, and reset the request count. */
  public void reset() {
    delay = Duration.ZERO;
    fail500 = false;
    garbage = false;
    requests.set(0);
  }

  public void delay(Duration d) {
    delay = d;
  }

  void fail500() {
    fail500 = true;
  }

  /** Answer 200 with an HTML page instead of forwarding. */
  public void garbage() {
    garbage = true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      if (garbage) {
        RecordingEndpoint.respond(exchange, 200, "<html><body>502 Bad Gateway</body></html>");
        return;
      }
      if (fail500) {
        RecordingEndpoint.respond(exchange, 500, "{\"status\":\"error\",\"errorType\":\"internal\","
            + "\"error\":\"injected failure\"}");
        return;
      }
      HttpResponse<String> answer = forwarder.send(
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString())).GET()
              .build(), HttpResponse.BodyHandlers.ofString());
      RecordingEndpoint.respond(exchange, answer.statusCode(), answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up (timeout test): nothing to answer.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
