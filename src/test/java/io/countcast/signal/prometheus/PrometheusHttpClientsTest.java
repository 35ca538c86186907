package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** All CountForecasts' Prometheus requests share HTTP clients, and with them connections. */
class PrometheusHttpClientsTest {

  private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
      + "\"result\":[{\"metric\":{},\"value\":[1700000000,\"1\"]}]}}";

  private HttpServer server;
  /** The client ports of the TCP connections the server saw: one per connection. */
  private final Set<Integer> connections = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      connections.add(exchange.getRemoteAddress().getPort());
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
  }

  private PrometheusClientSettings settings(String path) {
    return PrometheusClientSettings.defaults(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
  }

  @Test
  void clientsOfManyCountForecastsReuseOneConnection() {
    PrometheusHttpClients shared = new PrometheusHttpClients();
    for (int forecast = 0; forecast < 5; forecast++) {
      PrometheusClientSettings s = settings(forecast % 2 == 0 ? "" : "/");
      new PrometheusClient(s, shared.forSettings(s)).queryInstant("up", 1_700_000_000);
    }
    assertThat(shared.size()).isEqualTo(1);
    assertThat(connections).hasSize(1);
  }

  /** The contrast: a client per CountForecast opens a connection per CountForecast. */
  @Test
  void aClientOfItsOwnOpensItsOwnConnection() {
    for (int forecast = 0; forecast < 3; forecast++) {
      new PrometheusClient(settings("")).queryInstant("up", 1_700_000_000);
    }
    assertThat(connections).hasSize(3);
  }

  @Test
  void aClientPerConnectTimeoutAndHttpsTrust() {
    PrometheusHttpClients shared = new PrometheusHttpClients();
    PrometheusClientSettings http = PrometheusClientSettings.defaults(URI.create("http://a:9090"));
    PrometheusClientSettings https = PrometheusClientSettings.defaults(
        URI.create("https://b:9090"));
    assertThat(shared.forSettings(http))
        .isSameAs(shared.forSettings(PrometheusClientSettings.defaults(URI.create("http://c/p"))))
        .as("TLS trust does not matter for http")
        .isSameAs(shared.forSettings(http.withTls(new TlsSettings(null, true))))
        .isNotSameAs(shared.forSettings(http.withTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(30))))
        .isNotSameAs(shared.forSettings(https));
    assertThat(shared.forSettings(https))
        .isSameAs(shared.forSettings(https))
        .isNotSameAs(shared.forSettings(https.withTls(new TlsSettings(null, true))));
    assertThat(shared.size()).isEqualTo(4);
  }

  @Test
  void keepsAtMostABoundedNumberOfClients() {
    PrometheusHttpClients shared = new PrometheusHttpClients();
    PrometheusClientSettings s = PrometheusClientSettings.defaults(URI.create("http://a:9090"));
    for (int i = 1; i <= PrometheusHttpClients.MAX_CLIENTS + 10; i++) {
      shared.forSettings(s.withTimeouts(Duration.ofMillis(i), Duration.ofSeconds(30)));
    }
    assertThat(shared.size()).isEqualTo(PrometheusHttpClients.MAX_CLIENTS);
  }
}
