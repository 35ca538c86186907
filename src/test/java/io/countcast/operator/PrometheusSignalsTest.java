package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.signal.prometheus.PrometheusException;
import io.countcast.signal.prometheus.PrometheusException.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus failures become the documented status reasons; only outages are retried early. */
class PrometheusSignalsTest {

  @Test
  void everyFailureKindHasItsReason() {
    Map<Kind, String> expected = Map.of(
        Kind.UNAVAILABLE, "PrometheusUnavailable",
        Kind.TIMEOUT, "PrometheusTimeout",
        Kind.BAD_RESPONSE, "PrometheusBadResponse",
        Kind.UNAUTHORIZED, "PrometheusUnauthorized",
        Kind.QUERY_FAILED, "QueryFailed",
        Kind.MANY_SERIES, "QueryReturnedManySeries",
        Kind.CONFIGURATION, "PrometheusConfigInvalid");

    assertThat(expected).hasSize(Kind.values().length);
    expected.forEach((kind, reason) -> {
      Problem problem = PrometheusSignals.problem(
          new PrometheusException(kind, "what happened\nsecond line")).problem();
      assertThat(problem.reason()).isEqualTo(reason);
      assertThat(problem.message()).isEqualTo("what happened second line");
    });
  }

  @Test
  void onlyADownSlowOrGarbledPrometheusIsRetriedBeforeTheNextWindow() {
    assertThat(PrometheusSignals.isTransient(new Problem(Reasons.PROMETHEUS_UNAVAILABLE, "m")))
        .isTrue();
    assertThat(PrometheusSignals.isTransient(new Problem(Reasons.PROMETHEUS_TIMEOUT, "m")))
        .isTrue();
    assertThat(PrometheusSignals.isTransient(new Problem(Reasons.PROMETHEUS_BAD_RESPONSE, "m")))
        .isTrue();
    assertThat(PrometheusSignals.isTransient(new Problem(Reasons.QUERY_REJECTED, "m"))).isFalse();
    assertThat(PrometheusSignals.isTransient(
        new Problem(Reasons.QUERY_RETURNED_MANY_SERIES, "m"))).isFalse();
  }
}
