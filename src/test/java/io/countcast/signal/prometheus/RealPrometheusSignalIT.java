package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.signal.prometheus.testdata.CounterSeries;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Prometheus signal against a real Prometheus 2.42 (started by scripts/prometheus.sh) holding
 * a week of generated traffic of two namespaces (see {@link GeneratedTrafficPrometheus}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(GeneratedTrafficPrometheus.Extension.class)
class RealPrometheusSignalIT {

  static final long START = GeneratedTrafficPrometheus.START;
  static final long HOUR = GeneratedTrafficPrometheus.HOUR;
  static final int DAYS = GeneratedTrafficPrometheus.DAYS;
  static final Instant NOW = GeneratedTrafficPrometheus.NOW;
  static final String ERRORS =
      "sum(increase(http_requests_total{job=\"checkout\",code=~\"5..\"}[$window]))";
  static final String REQUESTS = "sum(increase(http_requests_total{job=\"checkout\"}[$window]))";
  static final String ERROR_COUNTER = "http_requests_total{job=\"checkout\",code=~\"5..\"}";
  static final SignalWindowing HOURLY = SignalWindowing.of(Duration.ofHours(1),
      Duration.ofDays(DAYS));

  private GeneratedTrafficPrometheus data;
  private LocalPrometheus prometheus;
  private FaultProxy proxy;

  @BeforeAll
  void connect(GeneratedTrafficPrometheus shared) throws IOException {
    data = shared;
    prometheus = shared.prometheus;
    proxy = new FaultProxy(prometheus.baseUrl());
  }

  @AfterAll
  void closeProxy() {
    proxy.close();
  }

  @BeforeEach
  void resetProxy() {
    proxy.reset();
  }

  private PrometheusClient client() {
    return data.client();
  }

  private PrometheusSignalSource source(PrometheusSignalSpec spec, SignalWindowing windowing) {
    return new PrometheusSignalSource(client(), spec, windowing, QueryScope.confinedTo("shop"));
  }

  private List<CounterSeries> shop(Predicate<String> code) {
    return data.shop(code);
  }

  private static Set<Long> ends(List<WindowSample> samples) {
    return samples.stream().map(WindowSample::end).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Long> hourlyEndsExcept(long... missingHours) {
    Set<Long> ends = new TreeSet<>();
    for (long h = 1; h <= DAYS * 24; h++) {
      ends.add(START + h * HOUR);
    }
    for (long h : missingHours) {
      ends.remove(START + h * HOUR);
    }
    return ends;
  }

  @Test
  void counterModeReadsBackExactlyTheGeneratedCounts() {
    List<WindowSample> samples = source(PrometheusSignalSpec.ofCounter(null, ERROR_COUNTER,
        null), HOURLY).fetch(null, NOW);

    // The scrape gap covers hours 60-62: windows needing an edge at 61h, 62h or 63h are missing.
    assertThat(ends(samples)).isEqualTo(hourlyEndsExcept(61, 62, 63, 64));
    List<CounterSeries> errors = shop(code -> code.startsWith("5"));
    for (WindowSample w : samples) {
      long truth = errors.stream().mapToLong(s -> s.eventsIn(w.start(), w.end())).sum();
      assertThat(w.count()).as("window ending %s", Instant.ofEpochSecond(w.end()))
          .isEqualTo(truth);
      assertThat(w.hasExposure()).isFalse();
    }
    // The 500 counter resets at hour 48; the window after it is still exact (checked above).
    assertThat(ends(samples)).contains(START + 49 * HOUR);
    assertThat(samples.stream().mapToLong(WindowSample::count).sum()).isPositive();
  }

  @Test
  void increaseModeEqualsPrometheusExtrapolationRoundedHalfUp() {
    List<WindowSample> samples =
        source(PrometheusSignalSpec.ofQuery(null, ERRORS, null), HOURLY).fetch(null, NOW);

    // increase() needs two samples inside the range: the windows inside the gap are missing.
    assertThat(ends(samples)).isEqualTo(hourlyEndsExcept(61, 62, 63));
    List<CounterSeries> errors = shop(code -> code.startsWith("5"));
    long totalCount = 0;
    long totalTruth = 0;
    for (WindowSample w : samples) {
      double reference = PrometheusReference.sumIncrease(errors, w.end(), HOUR);
      long expected = CountRounding.toCount(reference, w.end());
      boolean nearHalf = Math.abs(reference - Math.floor(reference) - 0.5) < 1e-6;
      assertThat(w.count()).as("window ending %s, reference %s",
          Instant.ofEpochSecond(w.end()), reference)
          .isBetween(nearHalf ? expected - 1 : expected, expected);
      if (w.end() != START + 64 * HOUR) { // its first scrape carries the 3 h gap's events
        totalCount += w.count();
        totalTruth += errors.stream().mapToLong(s -> s.eventsIn(w.start(), w.end())).sum();
      }
    }
    // Per window increase() is off (it drops the window's first scrape and scales by 60/59),
    // but on the whole it is nearly unbiased.
    assertThat((double) totalCount / totalTruth).isBetween(0.98, 1.02);
  }

  @Test
  void exposureQueryAttachesExposureAndSkipsWindowsWithoutTraffic() {
    List<WindowSample> samples =
        source(PrometheusSignalSpec.ofQuery(null, ERRORS, REQUESTS), HOURLY).fetch(null, NOW);

    // Hours 30-31 are a maintenance window with no requests: exposure 0, windows skipped.
    assertThat(ends(samples)).isEqualTo(hourlyEndsExcept(31, 32, 61, 62, 63));
    List<CounterSeries> all = shop(code -> true);
    for (WindowSample w : samples) {
      assertThat(w.exposure()).isCloseTo(PrometheusReference.sumIncrease(all, w.end(), HOUR),
          org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
    // Without the exposure query the two maintenance windows are present with 0 errors.
    List<WindowSample> countsOnly =
        source(PrometheusSignalSpec.ofQuery(null, ERRORS, null), HOURLY).fetch(null, NOW);
    assertThat(countsOnly.stream().filter(w -> w.end() == START + 31 * HOUR
        || w.end() == START + 32 * HOUR).map(WindowSample::count)).containsExactly(0L, 0L);
  }

  @Test
  void laterCallsFetchOnlyNewCompleteWindows() {
    PrometheusSignalSource source =
        source(PrometheusSignalSpec.ofCounter(null, ERROR_COUNTER, null), HOURLY);
    // Half way: 10:30 on day 2 with the last window ending at 10:00.
    Instant midway = Instant.ofEpochSecond(START + 2 * 24 * HOUR + 10 * HOUR + 30 * 60);
    List<WindowSample> first = source.fetch(null, midway);
    long lastEnd = first.get(first.size() - 1).end();
    assertThat(lastEnd).isEqualTo(START + 58 * HOUR);
    // The same instant again: nothing new. 59 minutes later: still nothing complete.
    assertThat(source.fetch(lastEnd, midway)).isEmpty();
    assertThat(source.fetch(lastEnd, midway.plusSeconds(29 * 60))).isEmpty();
    List<WindowSample> second = source.fetch(lastEnd, NOW);
    assertThat(second.get(0).end()).isGreaterThan(lastEnd);

    List<WindowSample> joined = new java.util.ArrayList<>(first);
    joined.addAll(second);
    assertThat(joined).isEqualTo(source.fetch(null, NOW));
    // After a long outage the gap is fetched back to the history horizon only.
    assertThat(source.fetch(START - 30 * 24 * HOUR, NOW)).isEqualTo(source.fetch(null, NOW));
  }

  @Test
  void longRangesAreSplitIntoRequestsOfAtMostTheAllowedPoints() {
    SignalWindowing tenPoints = new SignalWindowing(Duration.ofHours(1), Duration.ofDays(DAYS),
        Duration.ofMinutes(1), 10);
    PrometheusClient viaProxy =
        new PrometheusClient(PrometheusClientSettings.defaults(proxy.baseUrl()));
    PrometheusSignalSpec spec = PrometheusSignalSpec.ofQuery(null, ERRORS, null);
    List<WindowSample> split = new PrometheusSignalSource(viaProxy, spec, tenPoints,
        QueryScope.confinedTo("shop")).fetch(null, NOW);

    assertThat(proxy.requests()).isEqualTo(17); // 168 points in requests of at most 10
    assertThat(split).isEqualTo(source(spec, HOURLY).fetch(null, NOW));
  }

  @Test
  void fiveMinuteWindowsOverFourDaysNeedTwoRequestsAndStayExact() {
    SignalWindowing fiveMinutes = SignalWindowing.of(Duration.ofMinutes(5),
        Duration.ofDays(DAYS));
    PrometheusClient viaProxy =
        new PrometheusClient(PrometheusClientSettings.defaults(proxy.baseUrl()));
    List<WindowSample> samples = new PrometheusSignalSource(viaProxy,
        PrometheusSignalSpec.ofCounter(null, ERROR_COUNTER, null), fiveMinutes,
        QueryScope.confinedTo("shop")).fetch(null, NOW);

    // 2016 windows need 2017 edges: one request (under 11,000 points).
    assertThat(proxy.requests()).isEqualTo(1);
    List<CounterSeries> errors = shop(code -> code.startsWith("5"));
    assertThat(samples).hasSizeGreaterThan(1900);
    for (WindowSample w : samples) {
      assertThat(w.count()).isEqualTo(
          errors.stream().mapToLong(s -> s.eventsIn(w.start(), w.end())).sum());
    }
  }

  @Test
  void severalSeriesAreRejectedWithAHint() {
    String perCode = "increase(http_requests_total{job=\"checkout\",code=~\"5..\"}[$window])";
    PrometheusSignalSource source =
        source(PrometheusSignalSpec.ofQuery(null, perCode, null), HOURLY);
    assertThatThrownBy(() -> source.fetch(null, NOW))
        .isInstanceOf(PrometheusException.class)
        .hasMessageStartingWith("query returned 2 series; wrap it in sum(...)");
  }

  @Test
  void emptyResultGivesNoWindows() {
    PrometheusSignalSource source = source(PrometheusSignalSpec.ofQuery(null,
        "sum(increase(no_such_metric_total[$window]))", null), HOURLY);
    assertThat(source.fetch(null, NOW)).isEmpty();
  }

  @Test
  void tenantIsolationHoldsOnRealData() {
    PrometheusClient client = client();
    long at = START + 3 * 24 * HOUR;
    String confined = new NamespaceEnforcer().enforce("sum(http_requests_total)", "shop");
    double viaRewrite = client.queryInstant(confined, at).get(0).value();
    double direct = client.queryInstant("sum(http_requests_total{namespace=\"shop\"})", at)
        .get(0).value();
    double everything = client.queryInstant("sum(http_requests_total)", at).get(0).value();
    assertThat(viaRewrite).isEqualTo(direct);
    assertThat(everything).isGreaterThan(direct); // the other namespace really is there
    assertThat(client.queryInstant(new NamespaceEnforcer().enforce(
        "count by (namespace) (http_requests_total)", "shop"), at))
        .extracting(InstantSample::labels).containsExactly(Map.of("namespace", "shop"));
  }

  @TestFactory
  Stream<DynamicTest> everyRewrittenCorpusQueryRunsAndSeesOnlyItsNamespace() {
    PrometheusClient client = client();
    long at = START + 3 * 24 * HOUR;
    return RewriteCorpus.load().stream().filter(c -> c.expected() != null)
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
          // A bad_data answer would throw: the rewritten text must be valid PromQL for 2.42.
          List<InstantSample> result = client.queryInstant(c.expected(), at);
          // Results may lack the label (aggregated away); if they have it, it must be ours.
          assertThat(result).allSatisfy(sample -> assertThat(
              sample.labels().getOrDefault("namespace", RewriteCorpus.NAMESPACE))
              .isEqualTo(RewriteCorpus.NAMESPACE));
        }));
  }

  @Test
  void rewrittenCorpusQueriesReadDataOfTheNamespace() {
    // Guards the check above against vacuity: over the generated data, selections that keep
    // the namespace label do return series, all of them from "shop".
    PrometheusClient client = client();
    long at = START + 3 * 24 * HOUR;
    NamespaceEnforcer enforcer = new NamespaceEnforcer();
    for (String query : List.of("http_requests_total", "rate(http_requests_total[5m])",
        "{__name__=~\"http_requests_.*\"}", "http_requests_total offset 1h",
        "max_over_time(rate(http_requests_total[5m])[1h:5m])")) {
      List<InstantSample> result = client.queryInstant(enforcer.enforce(query, "shop"), at);
      assertThat(result).as(query).hasSize(3)
          .allSatisfy(s -> assertThat(s.labels()).containsEntry("namespace", "shop"));
      assertThat(client.queryInstant(query, at)).as(query).hasSize(6);
    }
  }

  @Test
  void slowPrometheusEndsInATimeoutWithoutRetry() {
    proxy.delay(Duration.ofSeconds(3));
    PrometheusClient slow = new PrometheusClient(PrometheusClientSettings
        .defaults(proxy.baseUrl()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
        .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))));
    long started = System.nanoTime();
    assertThatThrownBy(() -> slow.queryRange("up", START, START + HOUR, 60))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("did not answer within the request timeout of 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(proxy.requests()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    proxy.fail500();
    List<Duration> sleeps = new java.util.ArrayList<>();
    PrometheusClient failing = new PrometheusClient(PrometheusClientSettings
        .defaults(proxy.baseUrl())
        .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150))),
        new java.util.Random(1), sleeps::add);
    assertThatThrownBy(() -> failing.queryRange("up", START, START + HOUR, 60))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("failed 3 attempts")
        .hasMessageContaining("HTTP 500, internal")
        .hasMessageNotContaining("injected failure");
    assertThat(proxy.requests()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void badQueriesAreNotRetriedAndCarryPrometheusMessage() {
    PrometheusClient viaProxy = new PrometheusClient(PrometheusClientSettings
        .defaults(proxy.baseUrl()), new java.util.Random(1), d -> { });
    assertThatThrownBy(() -> viaProxy.queryRange("sum(", START, START + HOUR, 60))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("bad_data")
        .hasMessageContaining("HTTP 400");
    assertThat(proxy.requests()).isEqualTo(1);
  }

  @Test
  void splitterStaysWithinPrometheusOwnLimit() {
    // Prometheus refuses a range of more than 11,000 steps; the splitter asks for at most
    // 11,000 points (10,999 steps), so it is one step inside the limit.
    long step = 60;
    long tooFar = START + (SignalWindowing.PROMETHEUS_MAX_POINTS + 1) * step;
    assertThatThrownBy(() -> client().queryRange("vector(1)", START, tooFar, step))
        .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.detail())
            .contains("exceeded maximum resolution of 11,000 points"));
    long last = START + (SignalWindowing.PROMETHEUS_MAX_POINTS - 1) * step;
    assertThat(RangeQueries.split(START, last, step, SignalWindowing.PROMETHEUS_MAX_POINTS))
        .hasSize(1);
    assertThat(client().queryRange("vector(1)", START, last, step).get(0).size())
        .isEqualTo(SignalWindowing.PROMETHEUS_MAX_POINTS);
  }
}
