package io.countcast.signal.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake HTTP endpoint on loopback (JDK HttpServer) that records every request it receives
 * (method, URI, Authorization header) and answers with a settable status and body; by default an
 * empty Prometheus answer of the right result type.
 */
public final class RecordingEndpoint implements AutoCloseable {

  /** One received request. */
  public record Request(String method, URI uri, String authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body;

  public RecordingEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Everything received so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Answer {@code status} with {@code text} from now on. */
  public void answer(int newStatus, String text) {
    status = newStatus;
    body = text;
  }

  /** Answer an empty Prometheus result from now on. */
  public void answerEmpty() {
    status = 200;
    body = null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
          exchange.getRequestHeaders().getFirst("Authorization")));
      String text = body;
      if (text == null) {
        String type = exchange.getRequestURI().getPath().endsWith("query_range")
            ? "matrix" : "vector";
        text = "{\"status\":\"success\",\"data\":{\"resultType\":\"" + type
            + "\",\"result\":[]}}";
      }
      respond(exchange, status, text);
    }
  }

  /** Sends {@code body} as JSON with this status (also used by {@link FaultProxy}). */
  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
