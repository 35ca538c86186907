package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecast;
import io.countcast.api.SecretKeyRef;
import io.countcast.signal.prometheus.PrometheusAuth;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec and operator defaults without Secrets (no API call is made, so no client is needed);
 * Secrets are read in {@link PrometheusSignalOperatorIT}.
 */
class PrometheusSignalsResolveTest {

  private static final URI DEFAULT_URL = URI.create("http://prometheus.monitoring:9090");

  private static CountForecast forecast() {
    return TestForecasts.prometheusForecast("shop", "cf", "checkout",
        "sum(increase(errors_total[$window]))", null);
  }

  private static ForecastPlan plan(CountForecast forecast) {
    return ForecastPlan.of(forecast.getSpec());
  }

  @Test
  void theOperatorDefaultsApplyWhenTheSpecSetsNoUrlOrCredentials() {
    Path token = Path.of("/var/run/secrets/tokens/prometheus");
    PrometheusSignals.Resolved resolved = new PrometheusSignals(null,
        new PrometheusDefaults(DEFAULT_URL, true, token)).resolve(forecast(), plan(forecast()));

    assertThat(resolved.client().baseUrl()).hasToString(DEFAULT_URL + "/");
    assertThat(resolved.client().auth()).isEqualTo(new PrometheusAuth.BearerTokenFile(token));
    assertThat(resolved.client().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(resolved.client().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(resolved.crossNamespace()).isTrue();
    assertThat(resolved.spec().query()).isEqualTo("sum(increase(errors_total[$window]))");
  }

  @Test
  void anAllowedSpecUrlAndTheTimeoutWinAndQueriesAreConfinedByDefault() {
    CountForecast forecast = forecast();
    forecast.getSpec().getSignal().getPrometheus().setUrl("HTTPS://Prom.Shop:9091/");
    forecast.getSpec().getSignal().getPrometheus().setTimeout("2s");
    PrometheusSignals.Resolved resolved = new PrometheusSignals(null,
        new PrometheusDefaults(DEFAULT_URL, false, null,
            List.of(DEFAULT_URL, URI.create("https://prom.shop:9091")))).resolve(forecast, plan(forecast));

    assertThat(resolved.client().baseUrl()).isEqualTo(URI.create("https://prom.shop:9091/"));
    assertThat(resolved.client().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(resolved.client().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(resolved.client().auth()).isEqualTo(PrometheusAuth.none());
    assertThat(resolved.crossNamespace()).isFalse();
  }

  @Test
  void aUrlTheAdministratorDidNotAllowIsRefusedBeforeAnySecretIsRead() {
    CountForecast forecast = forecast();
    forecast.getSpec().getSignal().getPrometheus().setUrl("http://attacker.example:9090");
    SecretKeyRef token = new SecretKeyRef();
    token.setName("any");
    token.setKey("token");
    forecast.getSpec().getSignal().getPrometheus().setBearerTokenSecretRef(token);

    // The client is null: reading the Secret would fail with a NullPointerException.
    assertThatThrownBy(() -> new PrometheusSignals(null,
        new PrometheusDefaults(DEFAULT_URL, false, null)).resolve(forecast, plan(forecast)))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo(Reasons.PROMETHEUS_URL_NOT_ALLOWED);
          assertThat(e.problem().message()).isEqualTo("spec.signal.prometheus.url: "
              + "http://attacker.example:9090/ is not a Prometheus URL this operator may query; "
              + "allowed: http://prometheus.monitoring:9090/ (operator option "
              + "--prometheus-allowed-urls)");
        });
  }

  @Test
  void withoutAnyPrometheusConfiguredEverySpecUrlIsRefused() {
    CountForecast forecast = forecast();
    forecast.getSpec().getSignal().getPrometheus().setUrl("http://prometheus.monitoring:9090");

    assertThatThrownBy(() -> new PrometheusSignals(null, PrometheusDefaults.none())
        .resolve(forecast, plan(forecast)))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo(Reasons.PROMETHEUS_URL_NOT_ALLOWED);
          assertThat(e.problem().message()).contains("(none is allowed)");
        });
  }

  @Test
  void noUrlAnywhereIsInvalidSpecNamingTheOperatorOption() {
    assertThatThrownBy(() -> new PrometheusSignals(null, PrometheusDefaults.none())
        .resolve(forecast(), plan(forecast())))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo(Reasons.INVALID_SPEC);
          assertThat(e.problem().message()).isEqualTo("signal.prometheus.url is not set and the "
              + "operator has no default Prometheus URL (operator option --prometheus-url)");
        });
  }
}
