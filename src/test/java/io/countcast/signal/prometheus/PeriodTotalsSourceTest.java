package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.signal.prometheus.promql.PromqlException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTotalsSourceTest {

  private static final PrometheusClient CLIENT = new PrometheusClient(
      PrometheusClientSettings.defaults(URI.create("http://127.0.0.1:1")));
  private static final PrometheusSignalSpec SPEC = PrometheusSignalSpec.ofQuery(null,
      "sum(increase(http_requests_total{code=~\"5..\"}[$window]))",
      "sum(increase(http_requests_total[$window]))");

  @Test
  void theSignalsQueriesCountTheWholePeriodAndTheLastHour() {
    PeriodTotalsSource source = new PeriodTotalsSource(CLIENT, SPEC, QueryScope.crossNamespace(),
        List.of(Duration.ofDays(30), Duration.ofHours(1)));

    assertThat(source.queries()).containsExactly(
        "sum(increase(http_requests_total{code=~\"5..\"}[30d]))",
        "sum(increase(http_requests_total[30d]))",
        "sum(increase(http_requests_total{code=~\"5..\"}[1h]))",
        "sum(increase(http_requests_total[1h]))");
  }

  @Test
  void aPeriodShorterThanTheHistoryIsCountedOverThePeriodOnly() {
    // The history (say 7d) plays no part: the span is the period's.
    PeriodTotalsSource source = new PeriodTotalsSource(CLIENT, SPEC, QueryScope.crossNamespace(),
        List.of(Duration.ofHours(6), Duration.ofHours(1)));
    assertThat(source.queries().get(0)).endsWith("[6h]))");
    assertThat(source.queries().get(1)).endsWith("[6h]))");
  }

  @Test
  void theSpansAreConfinedToTheNamespaceLikeTheWindows() {
    PeriodTotalsSource source = new PeriodTotalsSource(CLIENT, SPEC,
        QueryScope.confinedTo("team-a"), List.of(Duration.ofDays(28), Duration.ofHours(1)));
    assertThat(source.queries()).allSatisfy(q -> assertThat(q).contains("namespace=\"team-a\""));

    PrometheusSignalSpec escaping = PrometheusSignalSpec.ofQuery(null,
        "sum(increase(e{namespace=\"other\"}[$window]))", "sum(increase(r[$window]))");
    assertThatThrownBy(() -> new PeriodTotalsSource(CLIENT, escaping,
        QueryScope.confinedTo("team-a"), List.of(Duration.ofDays(28))))
        .isInstanceOf(PromqlException.class);
  }

  @Test
  void withoutACountOfRequestsThereIsNoBudget() {
    assertThatThrownBy(() -> new PeriodTotalsSource(CLIENT,
        PrometheusSignalSpec.ofQuery(null, "sum(increase(e[$window]))", null),
        QueryScope.crossNamespace(), List.of(Duration.ofDays(30))))
        .hasMessageContaining("exposure query");
  }
}
