package io.countcast.operator;

import static io.countcast.operator.TestForecasts.has;
import static io.countcast.operator.TestForecasts.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ErrorBudgetStatus;
import io.countcast.api.SecretKeyRef;
import io.countcast.api.SecretRef;
import io.countcast.api.SloSpec;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.SignalState;
import io.countcast.signal.SignalStateCodec;
import io.countcast.signal.WindowSample;
import io.countcast.signal.prometheus.FaultProxy;
import io.countcast.signal.prometheus.LocalPrometheus;
import io.countcast.signal.prometheus.PrometheusClient;
import io.countcast.signal.prometheus.PrometheusClientSettings;
import io.countcast.signal.prometheus.PrometheusSignalCollector;
import io.countcast.signal.prometheus.PrometheusSignalSource;
import io.countcast.signal.prometheus.PrometheusSignalSpec;
import io.countcast.signal.prometheus.QueryScope;
import io.countcast.signal.prometheus.SignalWindowing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real operator against a real kube-apiserver and a real Prometheus backfilled (promtool)
 * with two days of generated traffic of namespaces {@code shop} and {@code other}: a
 * CountForecast with a Prometheus signal trains at once from the backfilled history; Prometheus
 * stopped mid-run makes it Degraded with the last forecast kept, stale; a restart clears that;
 * a query with several series and a query naming another namespace get clear conditions, the
 * tenant's own query only ever sees its namespace, credentials come from its Secrets, and
 * garbage or slow answers are Degraded (PrometheusBadResponse, PrometheusTimeout) until they stop;
 * a CountForecast with an SLO shows its error budget, counted over the period, in status and on
 * /metrics.
 *
 * <p>Time: the operator's clock is the wall clock shifted into the generated data, to
 * {@link #COMPLETION_AHEAD} before the next 5-minute window is complete, so the first scheduled
 * fetch after the backfill comes 30 s into the test (the fault test stops Prometheus before
 * it).
 */
@TestMethodOrder(OrderAnnotation.class)
class PrometheusSignalOperatorIT {

  private static final String NS = "shop";
  private static final String OTHER = "other";
  private static final int DAYS = PrometheusTenants.DAYS;
  private static final long WINDOW = PrometheusTenants.WINDOW;
  /** Time from the operator's start to the first scheduled fetch after the backfill. */
  private static final Duration COMPLETION_AHEAD = Duration.ofSeconds(30);
  private static final Instant FIRST_FETCH = PrometheusTenants.FIRST_FETCH;
  private static final String ERRORS = "sum(increase(http_requests_total{code=~\"5..\"}[$window]))";
  private static final String REQUESTS = "sum(increase(http_requests_total[$window]))";

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;
  private static PrometheusTenants tenants;
  private static LocalPrometheus prometheus;
  private static CountcastOperator operator;
  private static Clock clock;
  /** An allowed second endpoint in front of Prometheus, for the garbage and timeout test. */
  private static FaultProxy proxy;

  @BeforeAll
  static void startEverything() throws IOException {
    client = API_SERVER.client();
    tenants = PrometheusTenants.start(client, 20261126L, List.of(NS, OTHER));
    prometheus = tenants.prometheus();
    proxy = new FaultProxy(prometheus.baseUrl());
    clock = PrometheusTenants.clock(COMPLETION_AHEAD);
    OperatorSettings settings = OperatorSettings.defaults()
        .withNamespaces(Set.of(NS, OTHER))
        .withHttp("127.0.0.1", 0)
        .withLeaderElection(false, null, null)
        .withPrometheus(new PrometheusDefaults(prometheus.baseUrl(), false, null,
            List.of(prometheus.baseUrl(), proxy.baseUrl())));
    operator = CountcastOperator.start(client, false, settings,
        new SeriesForecasterAdapter(RegressionEngine.INSTANCE), clock);
    client.resource(TestForecasts.prometheusForecast(NS, "checkout", "checkout", ERRORS,
        REQUESTS)).create();
  }

  @AfterAll
  static void stopEverything() throws IOException {
    if (operator != null) {
      operator.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (tenants != null) {
      tenants.close();
    }
  }

  @Test
  @Order(1)
  void trainsAtOnceFromTheBackfilledHistoryAndPublishesTheForecast() {
    await().atMost(Duration.ofSeconds(40)).until(() -> isReady(get("checkout")));
    CountForecastStatus status = get("checkout").getStatus();

    // Two days of 5-minute windows minus the two-hour maintenance (exposure 0, skipped).
    assertThat(status.getSignalKind()).isEqualTo("prometheus");
    assertThat(status.getSamples()).isBetween(540, 576);
    assertThat(status.getModel().getFamily()).isIn("poisson", "nb2", "zinb2");
    assertThat(status.getForecast()).hasSize(12);
    assertThat(status.getForecast()).allSatisfy(w -> assertThat(w.getExpected()).isPositive());
    assertThat(status.getSurgeProbability()).isBetween(0.0, 1.0);
    assertThat(status.getStale()).isFalse();
    assertThat(has(get("checkout"), ConditionType.DEGRADED, "False", Reasons.HEALTHY)).isTrue();
  }

  @Test
  @Order(3)
  void storesTheTenantsOwnSeriesInTheHistoryConfigMap() {
    SignalState state = storedState("checkout");
    List<WindowSample> samples = state.samples();
    long stored = samples.stream().mapToLong(WindowSample::count).sum();
    long shop = tenants.serverErrors(NS, samples);
    long other = tenants.serverErrors(OTHER, samples);

    assertThat(state.source()).startsWith("prometheus:");
    assertThat(state.windowSeconds()).isEqualTo(WINDOW);
    // increase() extrapolates per window, so the total is close to, not equal to, the truth;
    // namespace "other" has three times the errors.
    assertThat((double) stored).isCloseTo(shop, org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(other).isGreaterThan(2 * shop);
    assertThat(samples).allSatisfy(s -> assertThat(s.exposure()).isGreaterThan(100));
  }

  @Test
  @Order(4)
  void anOperatorRestartRefetchesNothingThatIsStored() {
    ConfigMap before = historyMap("checkout");
    CountForecast checkout = get("checkout");
    PrometheusSignalSource source = new PrometheusSignalSource(
        new PrometheusClient(PrometheusClientSettings.defaults(prometheus.baseUrl())),
        PrometheusSignalSpec.ofQuery(null, ERRORS, REQUESTS),
        SignalWindowing.of(Duration.ofSeconds(WINDOW), Duration.ofDays(DAYS)),
        QueryScope.confinedTo(NS));
    PrometheusSignalCollector restarted = new PrometheusSignalCollector(source,
        new HistoryStore(client), NS, new OwnerInfo(checkout.getApiVersion(), checkout.getKind(),
            "checkout", checkout.getMetadata().getUid()), Duration.ofSeconds(WINDOW),
        (int) (DAYS * 86_400L / WINDOW));

    assertThat(restarted.tick(clock.instant())).isZero();
    assertThat(historyMap("checkout").getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(restarted.series().size()).isEqualTo(get("checkout").getStatus().getSamples());
  }

  @Test
  @Order(5)
  void aQueryWithSeveralSeriesIsAClearCondition() {
    client.resource(TestForecasts.prometheusForecast(NS, "by-code", "checkout",
        "sum by (code) (increase(http_requests_total{code=~\"5..\"}[$window]))", null)).create();

    await().atMost(Duration.ofSeconds(30)).until(() -> has(get("by-code"), ConditionType.READY,
        "False", Reasons.QUERY_RETURNED_MANY_SERIES));
    assertThat(TestForecasts.condition(get("by-code"), ConditionType.READY).orElseThrow()
        .getMessage()).contains("query returned 2 series; wrap it in sum(...)");
    assertThat(has(get("by-code"), ConditionType.DEGRADED, "True",
        Reasons.QUERY_RETURNED_MANY_SERIES)).isTrue();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> warningEvents("by-code", Reasons.QUERY_RETURNED_MANY_SERIES) == 1);
  }

  @Test
  @Order(6)
  void aQueryNamingAnotherNamespaceIsRejected() {
    client.resource(TestForecasts.prometheusForecast(NS, "peek", "checkout",
        "sum(increase(http_requests_total{namespace=\"other\",code=~\"5..\"}[$window]))", null))
        .create();

    await().atMost(Duration.ofSeconds(30)).until(() -> has(get("peek"), ConditionType.READY,
        "False", Reasons.QUERY_REJECTED));
    assertThat(TestForecasts.condition(get("peek"), ConditionType.READY).orElseThrow()
        .getMessage()).contains("namespace");
    assertThat(historyMap("peek")).isNull();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> warningEvents("peek", Reasons.QUERY_REJECTED) == 1);
  }

  @Test
  @Order(2)
  void prometheusStoppedMidRunIsDegradedWithTheStaleForecastKeptUntilItIsBack() {
    CountForecastStatus good = get("checkout").getStatus();
    prometheus.stop();
    assertThat(clock.instant()).as("Prometheus must stop before the first scheduled fetch")
        .isBefore(FIRST_FETCH);

    await().atMost(Duration.ofSeconds(45)).until(() -> has(get("checkout"),
        ConditionType.DEGRADED, "True", Reasons.PROMETHEUS_UNAVAILABLE));
    CountForecastStatus stale = get("checkout").getStatus();
    assertThat(stale.getStale()).isTrue();
    assertThat(stale.getForecast()).usingRecursiveComparison().isEqualTo(good.getForecast());
    assertThat(stale.getModel()).usingRecursiveComparison().isEqualTo(good.getModel());
    assertThat(stale.getLastForecastTime()).isEqualTo(good.getLastForecastTime());
    assertThat(TestForecasts.condition(get("checkout"), ConditionType.DEGRADED).orElseThrow()
        .getMessage()).contains("connection refused",
            "the last good forecast (from " + good.getLastForecastTime())
        .contains("is kept and marked stale");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> warningEvents("checkout", Reasons.PROMETHEUS_UNAVAILABLE) == 1);

    prometheus.start();
    await().atMost(Duration.ofSeconds(40)).until(() -> has(get("checkout"),
        ConditionType.DEGRADED, "False", Reasons.HEALTHY));
    assertThat(get("checkout").getStatus().getStale()).isFalse();
    assertThat(isReady(get("checkout"))).isTrue();
  }

  @Test
  @Order(7)
  void credentialsComeFromSecretsInTheCountForecastsNamespace() {
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
        .withName("prom-basic").addToLabels(PrometheusSignals.CREDENTIALS_LABEL, "true")
        .endMetadata()
        .addToStringData("username", "shop").addToStringData("password", "s3cret").build())
        .create();
    CountForecast basic = TestForecasts.prometheusForecast(NS, "basic", "checkout", ERRORS, null);
    SecretRef basicRef = new SecretRef();
    basicRef.setName("prom-basic");
    basic.getSpec().getSignal().getPrometheus().setBasicAuthSecretRef(basicRef);
    CountForecast token = TestForecasts.prometheusForecast(NS, "token", "checkout", ERRORS, null);
    SecretKeyRef tokenRef = new SecretKeyRef();
    tokenRef.setName("prom-token");
    tokenRef.setKey("token");
    token.getSpec().getSignal().getPrometheus().setBearerTokenSecretRef(tokenRef);
    client.resource(basic).create();
    client.resource(token).create();

    // This Prometheus accepts any credentials: reading the Secret is what is tested here.
    await().atMost(Duration.ofSeconds(30)).until(() -> isReady(get("basic")));
    await().atMost(Duration.ofSeconds(30)).until(() -> has(get("token"), ConditionType.READY,
        "False", Reasons.SECRET_NOT_FOUND));
    assertThat(TestForecasts.condition(get("token"), ConditionType.READY).orElseThrow()
        .getMessage()).isEqualTo("spec.signal.prometheus.bearerTokenSecretRef: Secret "
            + "shop/prom-token does not exist");
  }

  @Test
  @Order(8)
  void garbageAndSlowAnswersAreDegradedUntilPrometheusAnswersProperly() {
    proxy.garbage();
    CountForecast proxied = TestForecasts.prometheusForecast(NS, "proxied", "checkout", ERRORS,
        null);
    proxied.getSpec().getSignal().getPrometheus().setUrl(proxy.baseUrl().toString());
    proxied.getSpec().getSignal().getPrometheus().setTimeout("1s");
    client.resource(proxied).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> has(get("proxied"),
        ConditionType.DEGRADED, "True", Reasons.PROMETHEUS_BAD_RESPONSE));
    assertThat(TestForecasts.condition(get("proxied"), ConditionType.DEGRADED).orElseThrow()
        .getMessage()).contains("HTTP 200: not a Prometheus response")
        .doesNotContain("html", "Bad Gateway");

    proxy.reset();
    proxy.delay(Duration.ofSeconds(3));
    // Retried after window/20 = 15 s.
    await().atMost(Duration.ofSeconds(30)).until(() -> has(get("proxied"),
        ConditionType.DEGRADED, "True", Reasons.PROMETHEUS_TIMEOUT));
    assertThat(TestForecasts.condition(get("proxied"), ConditionType.DEGRADED).orElseThrow()
        .getMessage()).contains("did not answer within the request timeout of 1000 ms");

    proxy.reset();
    await().atMost(Duration.ofSeconds(30)).until(() -> isReady(get("proxied")));
    assertThat(has(get("proxied"), ConditionType.DEGRADED, "False", Reasons.HEALTHY)).isTrue();
  }

  private static SignalState storedState(String name) {
    return SignalStateCodec.decode(historyMap(name).getData(), name);
  }

  private static ConfigMap historyMap(String name) {
    return client.configMaps().inNamespace(NS).withName(HistoryStore.configMapName(name)).get();
  }

  private static long warningEvents(String name, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .count();
  }

  @Test
  @Order(9)
  void anSloShowsItsErrorBudgetInStatusAndOnMetrics() throws Exception {
    CountForecast forecast = TestForecasts.prometheusForecast(NS, "checkout-slo", "checkout",
        ERRORS, REQUESTS);
    SloSpec slo = new SloSpec();
    slo.setObjective("99");
    slo.setPeriod("1d");
    forecast.getSpec().setSlo(slo);
    client.resource(forecast).create();

    await().atMost(Duration.ofSeconds(60)).until(() -> {
      CountForecastStatus s = get("checkout-slo").getStatus();
      return s != null && s.getErrorBudget() != null
          && s.getErrorBudget().getExhaustionProbability() != null;
    });
    ErrorBudgetStatus budget = get("checkout-slo").getStatus().getErrorBudget();
    long until = Instant.parse(budget.getCountedUntil()).getEpochSecond();
    long errors = tenants.events(NS, true, until - 86_400, until);
    long requests = tenants.events(NS, false, until - 86_400, until);
    System.out.printf(java.util.Locale.ROOT, "operator: errors %.0f (raw %d), requests %.0f "
            + "(raw %d), remaining %.4f, burnRate %.3f, exhaustionProbability %.3f%n",
        budget.getConsumedErrors(), errors, budget.getRequests(), requests,
        budget.getRemaining(), budget.getBurnRate(), budget.getExhaustionProbability());

    assertThat(budget.getObjective()).isEqualTo("99");
    assertThat(budget.getPeriod()).isEqualTo("1d");
    assertThat(budget.getConsumedErrors()).isCloseTo(errors, within(0.03 * errors));
    assertThat(budget.getRequests()).isCloseTo(requests, within(0.03 * requests));
    assertThat(budget.getAllowedErrors()).isCloseTo(0.01 * budget.getRequests(),
        within(0.01));
    assertThat(budget.getBurnRates()).containsKeys("5m", "30m", "1h", "6h");
    String labels = "{name=\"checkout-slo\",namespace=\"" + NS + "\"}";
    String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + operator.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(scrape).contains("countcast_error_budget_remaining" + labels + " "
            + budget.getRemaining())
        .contains("countcast_error_budget_burn_rate" + labels + " " + budget.getBurnRate())
        .contains("countcast_error_budget_exhaustion_probability" + labels + " "
            + budget.getExhaustionProbability());
  }

  private static CountForecast get(String name) {
    return client.resources(CountForecast.class).inNamespace(NS).withName(name).get();
  }
}
