package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecast;
import io.countcast.signal.prometheus.PrometheusClient;
import io.countcast.signal.prometheus.PrometheusException;
import io.countcast.signal.prometheus.RecordingEndpoint;
import io.countcast.signal.prometheus.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows F1 and F2 of issue 13 against two recording HTTP endpoints on loopback: the allowed
 * Prometheus and an attacker's server. Each hostile spec URL goes through the operator's path
 * from spec to request ({@link PrometheusSignals#resolve}, then {@link PrometheusClient}); the
 * attacker must receive no request at all, the operator's token may reach only the allowed
 * endpoint, and no text the allowed endpoint answers may reach a status message.
 */
class PrometheusRequestConfinementTest {

  private static final String TOKEN = "operator-token-4f2a";
  private static final String MARKER = "LEAKED-169-254-169-254";
  private static RecordingEndpoint allowed;
  private static RecordingEndpoint attacker;

  @TempDir
  static Path dir;
  private static PrometheusSignals signals;

  @BeforeAll
  static void start() throws IOException {
    allowed = new RecordingEndpoint();
    attacker = new RecordingEndpoint();
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    signals = new PrometheusSignals(null,
        new PrometheusDefaults(allowed.baseUrl(), false, tokenFile));
  }

  @AfterAll
  static void stop() {
    allowed.close();
    attacker.close();
  }

  @Test
  void hostileUrlsAreRefusedBeforeAnyRequestAndTheTokenGoesOnlyToTheAllowedEndpoint() {
    int a = allowed.port();
    int x = attacker.port();
    List<String> hostile = List.of(
        "http://127.0.0.1:" + a + "/api/v1/query_range?query=sum(errors_total)&x=",      // F1
        "http://127.0.0.1:" + x,                                                          // F2
        "http://127.0.0.1:" + x + "/",
        "http://localhost:" + x,
        "http://127.0.0.1:" + a + "@127.0.0.1:" + x,
        "http://127.0.0.1:" + x + "/latest/meta-data/#",
        "http://127.0.0.1:" + a + "#@127.0.0.1:" + x,
        "http://127.0.0.1:" + a + "\\@127.0.0.1:" + x,
        "http://127.0.0.1:" + a + "/%2e%2e/",
        "http://127.0.0.1:" + a + "/..",
        "http://0x7f.0.0.1:" + x,
        "http://[::ffff:127.0.0.1]:" + x);
    for (String url : hostile) {
      assertThatThrownBy(() -> query(url)).as(url)
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().reason())
              .isEqualTo(Reasons.PROMETHEUS_URL_NOT_ALLOWED));
    }
    assertThat(attacker.requests()).isEmpty();
    assertThat(allowed.requests()).isEmpty();

    for (String url : List.of("http://127.0.0.1:" + a, "HTTP://127.0.0.1:" + a + "/")) {
      query(url);
    }
    query(null);
    assertThat(allowed.requests()).hasSize(3).allSatisfy(r -> {
      assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
      assertThat(r.uri().getPath()).isEqualTo("/api/v1/query_range");
      assertThat(r.uri().getQuery()).startsWith("query=sum(increase(errors_total{namespace=\"shop\"}");
    });
    assertThat(attacker.requests()).isEmpty();
  }

  @Test
  void noTextOfAnyAnswerReachesTheStatusMessage() {
    List<int[]> statuses = List.of(new int[] {200}, new int[] {401}, new int[] {403},
        new int[] {404}, new int[] {422}, new int[] {500}, new int[] {502});
    List<String> bodies = List.of(
        "<html><body>" + MARKER + "</body></html>",
        "{\"status\":\"error\",\"errorType\":\"" + MARKER + "\",\"error\":\"" + MARKER + "\"}",
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"" + MARKER + "\"}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"" + MARKER + "\",\"result\":[]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
            + "\"values\":[[1,\"" + MARKER + "\"]]}]}}",
        MARKER);
    for (int[] status : statuses) {
      for (String body : bodies) {
        allowed.answer(status[0], body);
        assertThatThrownBy(() -> query(null))
            .as("HTTP %d %s", status[0], body)
            .isInstanceOfSatisfying(ProblemException.class, e -> {
              assertThat(e.problem().message()).doesNotContain(MARKER);
              if (status[0] != 200) {
                assertThat(e.problem().message()).contains("HTTP " + status[0]);
              }
              assertThat(e.problem().reason()).isIn(Reasons.PROMETHEUS_BAD_RESPONSE,
                  Reasons.QUERY_FAILED, Reasons.PROMETHEUS_UNAUTHORIZED,
                  Reasons.PROMETHEUS_UNAVAILABLE);
            });
      }
    }
    allowed.answerEmpty();
  }

  /** The operator's path for one tick: resolve the spec, then query as a collector would. */
  private static void query(String url) {
    CountForecast forecast = TestForecasts.prometheusForecast("shop", "cf", "checkout",
        "sum(increase(errors_total[$window]))", null);
    forecast.getSpec().getSignal().getPrometheus().setUrl(url);
    PrometheusSignals.Resolved resolved = signals.resolve(forecast,
        ForecastPlan.of(forecast.getSpec()));
    PrometheusClient client = new PrometheusClient(resolved.client()
        .withRetry(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))));
    String query = io.countcast.signal.prometheus.QueryScope.confinedTo("shop")
        .prepare(resolved.spec().query(), Duration.ofMinutes(5));
    try {
      client.queryRange(query, 1_700_000_000L, 1_700_003_600L, 300);
    } catch (PrometheusException e) {
      throw PrometheusSignals.problem(e);
    }
  }
}
