package io.countcast.signal.prometheus;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP clients behind all Prometheus requests of an operator. A {@link HttpClient} owns a
 * connection pool and a selector thread; one per CountForecast would open a connection (and a
 * TLS handshake) per CountForecast and keep a thread each. Here every CountForecast with the same
 * connect timeout and TLS trust shares one client, so requests to one Prometheus reuse its
 * connections. What varies per request (URL, timeout, credentials) stays in the request.
 *
 * <p>At most {@value #MAX_CLIENTS} distinct clients are kept (tenants choose their own CA, so the
 * number of configurations is theirs); the least recently used is dropped from the cache, and
 * stays in use by whoever holds it until they let go.
 *
 * <p>All clients share one {@link PrometheusQueryLimit}, so the operator has at most that many
 * Prometheus requests in flight whatever the number of CountForecasts and Prometheus servers.
 */
public final class PrometheusHttpClients {

  static final int MAX_CLIENTS = 32;

  /** What a client is built from; the TLS trust only matters for https. */
  private record Key(Duration connectTimeout, TlsSettings tls) {}

  private final Map<Key, HttpClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, HttpClient> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  private final PrometheusQueryLimit limit;

  /** Clients without a practical concurrency limit. */
  public PrometheusHttpClients() {
    this(PrometheusQueryLimit.unlimited());
  }

  /** Clients whose requests together stay within {@code limit}. */
  public PrometheusHttpClients(PrometheusQueryLimit limit) {
    this.limit = limit;
  }

  /** A Prometheus client for these settings on the shared HTTP client and request limit. */
  public PrometheusClient client(PrometheusClientSettings settings) {
    return new PrometheusClient(settings, forSettings(settings), limit);
  }

  /** The limit every request of these clients shares. */
  public PrometheusQueryLimit limit() {
    return limit;
  }

  /** The shared client for requests with these settings. */
  public synchronized HttpClient forSettings(PrometheusClientSettings settings) {
    boolean https = settings.baseUrl().getScheme().equals("https");
    Key key = new Key(settings.connectTimeout(), https ? settings.tls() : null);
    return clients.computeIfAbsent(key, k -> build(settings));
  }

  /** Number of distinct clients cached. */
  synchronized int size() {
    return clients.size();
  }

  /** A new client for these settings: connect timeout, no redirects, the TLS trust for https. */
  static HttpClient build(PrometheusClientSettings settings) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.baseUrl().getScheme().equals("https")) {
      builder.sslContext(settings.tls().sslContext());
    }
    return builder.build();
  }
}
