package io.countcast.operator;

import static io.countcast.operator.TestForecasts.has;
import static io.countcast.operator.TestForecasts.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.SecretKeyRef;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.SignalState;
import io.countcast.signal.SignalStateCodec;
import io.countcast.signal.WindowSample;
import io.countcast.signal.prometheus.LocalPrometheus;
import io.countcast.signal.prometheus.RecordingEndpoint;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13's hostile CountForecasts against the real operator, a real kube-apiserver and a real
 * Prometheus backfilled (promtool) with two days of traffic of namespaces {@code team-a} (the
 * attacker) and {@code team-b} (the victim). One test per row the Prometheus work covers (F1,
 * F2, F2b, F3, F5) and per attack that already held (namespace matchers, regex escapes,
 * label_replace, subqueries): each gets a clear admission error or condition. Two recording HTTP
 * endpoints on loopback stand in for an attacker's server (must receive nothing) and for a
 * second allowed Prometheus answering hostile bodies (nothing of them may reach a status).
 * After every test the victim's CountForecast is still Ready and Healthy; at the end it has
 * retrained at its own level and the operator answers /healthz and /readyz.
 *
 * <p>Time: as in {@link PrometheusSignalOperatorTest}, the operator's clock is shifted into the
 * generated data, {@link #COMPLETION_AHEAD} before the next 5-minute window completes, so the
 * victim fetches and retrains once during the run.
 */
@TestMethodOrder(OrderAnnotation.class)
class HostilePrometheusSpecIT {

  private static final String ATTACKER_NS = "team-a";
  private static final String VICTIM_NS = "team-b";
  private static final Duration COMPLETION_AHEAD = Duration.ofSeconds(75);
  private static final Duration CONDITION = Duration.ofSeconds(30);
  private static final String ERRORS = "sum(increase(http_requests_total{code=~\"5..\"}[$window]))";
  private static final String OPERATOR_TOKEN = "operator-token-31c7";
  private static final String TENANT_TOKEN = "tenant-secret-9e0b";
  private static final String MARKER = "LEAKED-METADATA-77f1";

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static KubernetesClient client;
  private static PrometheusTenants tenants;
  private static LocalPrometheus prometheus;
  private static RecordingEndpoint attacker;
  private static RecordingEndpoint secondPrometheus;
  private static CountcastOperator operator;
  private static CountForecastStatus victimAtStart;

  @BeforeAll
  static void startEverything() throws IOException {
    client = API_SERVER.client();
    tenants = PrometheusTenants.start(client, 20261207L, List.of(ATTACKER_NS, VICTIM_NS));
    prometheus = tenants.prometheus();
    attacker = new RecordingEndpoint();
    secondPrometheus = new RecordingEndpoint();
    Path tokenFile = Files.createTempFile("countcast-operator-token", "");
    Files.writeString(tokenFile, OPERATOR_TOKEN);
    tokenFile.toFile().deleteOnExit();
    Clock clock = PrometheusTenants.clock(COMPLETION_AHEAD);
    operator = CountcastOperator.start(client, false, OperatorSettings.defaults()
            .withNamespaces(Set.of(ATTACKER_NS, VICTIM_NS))
            .withHttp("127.0.0.1", 0)
            .withLeaderElection(false, null, null)
            .withPrometheus(new PrometheusDefaults(prometheus.baseUrl(), false, tokenFile,
                List.of(prometheus.baseUrl(), secondPrometheus.baseUrl()))),
        new SeriesForecasterAdapter(RegressionEngine.INSTANCE), clock);

    CountForecast victim = TestForecasts.prometheusForecast(VICTIM_NS, "victim", "checkout",
        ERRORS, null);
    victim.getSpec().setTrainEvery("20s");
    client.resource(victim).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> isReady(get(VICTIM_NS, "victim")));
    victimAtStart = get(VICTIM_NS, "victim").getStatus();
  }

  @AfterAll
  static void stopEverything() throws IOException {
    if (operator != null) {
      operator.close();
    }
    if (attacker != null) {
      attacker.close();
    }
    if (secondPrometheus != null) {
      secondPrometheus.close();
    }
    if (tenants != null) {
      tenants.close();
    }
  }

  /** The victim trains on, and nothing an endpoint answered is in any status. */
  @AfterEach
  void theVictimIsUnaffectedAndNoStatusHoldsForeignText() {
    CountForecast victim = get(VICTIM_NS, "victim");
    assertThat(isReady(victim)).as("victim Ready").isTrue();
    assertThat(has(victim, ConditionType.DEGRADED, "False", Reasons.HEALTHY)).isTrue();
    for (String ns : List.of(ATTACKER_NS, VICTIM_NS)) {
      for (CountForecast cf : client.resources(CountForecast.class).inNamespace(ns).list()
          .getItems()) {
        assertThat(client.getKubernetesSerialization().asJson(cf.getStatus()))
            .as("status of %s/%s", ns, cf.getMetadata().getName())
            .doesNotContain(MARKER, OPERATOR_TOKEN, TENANT_TOKEN);
      }
    }
    assertThat(attacker.requests()).as("requests to the attacker's server").isEmpty();
  }

  @Test
  @Order(1)
  void f1AQueryInTheUrlIsRefusedAtAdmissionAndAnyOtherPathIsNotAllowed() {
    String teamB = "sum(increase(http_requests_total{namespace=\"team-b\",code=~\"5..\"}[5m]))";
    assertRefusedAtAdmission(withUrl(hostile("f1-query"),
        prometheus.baseUrl() + "/api/v1/query_range?query=" + teamB + "&x="));

    client.resource(withUrl(hostile("f1-path"),
        prometheus.baseUrl() + "/api/v1/query_range")).create();
    awaitProblem("f1-path", Reasons.PROMETHEUS_URL_NOT_ALLOWED,
        "is not a Prometheus URL this operator may query");
    assertThat(history("f1-path")).isNull();
  }

  @Test
  @Order(2)
  void f2TheOperatorsTokenNeverGoesToAUrlOfTheTenantsChoice() {
    client.resource(withUrl(hostile("f2-host"), attacker.baseUrl().toString())).create();
    awaitProblem("f2-host", Reasons.PROMETHEUS_URL_NOT_ALLOWED, attacker.baseUrl().toString());

    assertRefusedAtAdmission(withUrl(hostile("f2-fragment"),
        attacker.baseUrl() + "/latest/meta-data/#"));
    assertRefusedAtAdmission(withUrl(hostile("f2-userinfo"),
        prometheus.baseUrl() + "@127.0.0.1:" + attacker.port()));
    assertThat(attacker.requests()).isEmpty();
  }

  @Test
  @Order(3)
  void f2AnAllowedEndpointsAnswerNeverReachesTheStatus() {
    secondPrometheus.answer(200, "<html><body>" + MARKER + " ami-id instance-id</body></html>");
    client.resource(withUrl(hostile("f2-body"), secondPrometheus.baseUrl().toString())).create();

    awaitProblem("f2-body", Reasons.PROMETHEUS_BAD_RESPONSE,
        "HTTP 200: not a Prometheus response");
    assertThat(secondPrometheus.requests()).isNotEmpty().allSatisfy(r ->
        assertThat(r.authorization()).isEqualTo("Bearer " + OPERATOR_TOKEN));
    secondPrometheus.answerEmpty();
  }

  @Test
  @Order(4)
  void f2bASecretIsSentOnlyIfLabelledAndOnlyToAnAllowedUrl() {
    client.secrets().inNamespace(ATTACKER_NS).resource(new SecretBuilder().withNewMetadata()
        .withName("db-password").endMetadata().addToStringData("token", TENANT_TOKEN).build())
        .create();
    int before = secondPrometheus.requests().size();

    CountForecast unlabelled = withToken(withUrl(hostile("f2b-unlabelled"),
        secondPrometheus.baseUrl().toString()), "db-password");
    client.resource(unlabelled).create();
    awaitProblem("f2b-unlabelled", Reasons.SECRET_NOT_ALLOWED,
        "lacks the label countcast.io/prometheus-credentials=\"true\"");

    CountForecast elsewhere = withToken(withUrl(hostile("f2b-elsewhere"),
        attacker.baseUrl().toString()), "db-password");
    client.resource(elsewhere).create();
    awaitProblem("f2b-elsewhere", Reasons.PROMETHEUS_URL_NOT_ALLOWED, "may query");
    assertThat(secondPrometheus.requests().subList(before, secondPrometheus.requests().size()))
        .noneSatisfy(r -> assertThat(r.authorization()).contains(TENANT_TOKEN));

    // The administrator's opt-in: the same Secret, labelled, goes to the allowed endpoint.
    client.secrets().inNamespace(ATTACKER_NS).withName("db-password").edit(s -> {
      s.getMetadata().setLabels(java.util.Map.of(PrometheusSignals.CREDENTIALS_LABEL, "true"));
      return s;
    });
    CountForecast optedIn = withToken(withUrl(hostile("f2b-opted-in"),
        secondPrometheus.baseUrl().toString()), "db-password");
    client.resource(optedIn).create();
    await().atMost(CONDITION).until(() -> secondPrometheus.requests().stream()
        .anyMatch(r -> ("Bearer " + TENANT_TOKEN).equals(r.authorization())));
  }

  @Test
  @Order(5)
  void f3SixtyEmptyAlternationsAreCheckedWithoutBlockingAnyone() {
    String query = "sum(increase(http_requests_total{job=~\"" + "(|)".repeat(60)
        + "x\"}[$window]))";
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "f3-regex", "checkout", query,
        null)).create();

    // Prometheus has no such job: the query runs (confined) and finds no windows.
    await().atMost(CONDITION).until(() -> has(get(ATTACKER_NS, "f3-regex"),
        ConditionType.DEGRADED, "True", Reasons.INSUFFICIENT_HISTORY));
    assertThat(get(ATTACKER_NS, "f3-regex").getStatus().getSamples()).isZero();
  }

  @Test
  @Order(6)
  void f5DeepNestingIsQueryRejectedNotAStackOverflow() {
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "f5-parens", "checkout",
        "(".repeat(2000) + "up" + ")".repeat(2000), null)).create();
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "f5-minus", "checkout",
        "-".repeat(4094) + "up", null)).create();

    awaitProblem("f5-parens", Reasons.QUERY_REJECTED, "nested more than 64 levels deep");
    awaitProblem("f5-minus", Reasons.QUERY_REJECTED, "nested more than 64 levels deep");
  }

  @Test
  @Order(7)
  void heldNamespaceMatchersAndSubqueriesNamingAnotherNamespaceAreRejected() {
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "held-equal", "checkout",
        "sum(increase(http_requests_total{namespace=\"team-b\"}[$window]))", null)).create();
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "held-regex", "checkout",
        "sum(increase(http_requests_total{namespace=~\"team-.*\"}[$window]))", null)).create();
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "held-subquery", "checkout",
        "sum(max_over_time(increase(http_requests_total{namespace=\"team-b\"}[1m])"
            + "[$window:1m]))", null)).create();

    for (String name : List.of("held-equal", "held-regex", "held-subquery")) {
      awaitProblem(name, Reasons.QUERY_REJECTED, "but may only read namespace \"team-a\"");
      assertThat(history(name)).as(name).isNull();
    }
  }

  @Test
  @Order(8)
  void heldRegexEscapesAndLabelReplaceReadOnlyTheTenantsOwnSeries() {
    // A value that tries to close the string and add a matcher: it stays one (odd) value.
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "held-escape", "checkout",
        "sum(increase(http_requests_total{code=~\"5..\\\",namespace=\\\"team-b\"}[$window]))",
        null)).create();
    // Relabelling cannot widen what the confined selector read.
    client.resource(TestForecasts.prometheusForecast(ATTACKER_NS, "held-relabel", "checkout",
        "sum(label_replace(increase(http_requests_total{code=~\"5..\"}[$window]), "
            + "\"namespace\", \"team-b\", \"namespace\", \".*\"))", null)).create();

    await().atMost(CONDITION).until(() -> has(get(ATTACKER_NS, "held-escape"),
        ConditionType.DEGRADED, "True", Reasons.INSUFFICIENT_HISTORY));
    assertThat(get(ATTACKER_NS, "held-escape").getStatus().getSamples()).isZero();

    await().atMost(Duration.ofSeconds(60)).until(() -> isReady(get(ATTACKER_NS,
        "held-relabel")));
    List<WindowSample> samples = SignalStateCodec.decode(history("held-relabel").getData(),
        "held-relabel").samples();
    long stored = samples.stream().mapToLong(WindowSample::count).sum();
    long own = tenants.serverErrors(ATTACKER_NS, samples);
    long victims = tenants.serverErrors(VICTIM_NS, samples);
    assertThat(Math.abs(stored - own)).as("stored %d, team-a %d, team-b %d", stored, own,
        victims).isLessThan(Math.abs(stored - victims));
    assertThat((double) stored).isCloseTo(own,
        org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  @Order(9)
  void theVictimRetrainedAtItsOwnLevelAndTheOperatorIsUp() throws Exception {
    // At the latest one window after the retrain at COMPLETION_AHEAD.
    await().atMost(Duration.ofMinutes(6)).until(() -> !victimAtStart.getLastTrainedTime()
        .equals(get(VICTIM_NS, "victim").getStatus().getLastTrainedTime()));
    CountForecastStatus now = get(VICTIM_NS, "victim").getStatus();
    assertThat(now.getSamples()).isGreaterThanOrEqualTo(victimAtStart.getSamples());
    assertThat(now.getExpectedNext()).isCloseTo(victimAtStart.getExpectedNext(),
        org.assertj.core.data.Percentage.withPercentage(25));
    SignalState victimHistory = SignalStateCodec.decode(
        client.configMaps().inNamespace(VICTIM_NS).withName(HistoryStore.configMapName("victim"))
            .get().getData(), "victim");
    assertThat((double) victimHistory.samples().stream().mapToLong(WindowSample::count).sum())
        .isCloseTo(tenants.serverErrors(VICTIM_NS, victimHistory.samples()),
            org.assertj.core.data.Percentage.withPercentage(5));

    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/healthz", "/readyz")) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + operator.httpPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
    }
  }

  private static CountForecast hostile(String name) {
    return TestForecasts.prometheusForecast(ATTACKER_NS, name, "checkout", ERRORS, null);
  }

  private static CountForecast withUrl(CountForecast forecast, String url) {
    forecast.getSpec().getSignal().getPrometheus().setUrl(url);
    return forecast;
  }

  private static CountForecast withToken(CountForecast forecast, String secret) {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName(secret);
    ref.setKey("token");
    forecast.getSpec().getSignal().getPrometheus().setBearerTokenSecretRef(ref);
    return forecast;
  }

  private static void assertRefusedAtAdmission(CountForecast forecast) {
    assertThatThrownBy(() -> client.resource(forecast).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.signal.prometheus.url");
        });
  }

  /** Ready False and Degraded True with this reason and message, and one Warning Event. */
  private static void awaitProblem(String name, String reason, String message) {
    await().atMost(CONDITION).until(() -> has(get(ATTACKER_NS, name), ConditionType.DEGRADED,
        "True", reason));
    assertThat(has(get(ATTACKER_NS, name), ConditionType.READY, "False", reason)).isTrue();
    assertThat(TestForecasts.condition(get(ATTACKER_NS, name), ConditionType.DEGRADED)
        .orElseThrow().getMessage()).contains(message);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events()
        .inNamespace(ATTACKER_NS).list().getItems().stream()
        .anyMatch(e -> name.equals(e.getInvolvedObject().getName())
            && reason.equals(e.getReason()) && "Warning".equals(e.getType())));
  }

  private static ConfigMap history(String name) {
    return client.configMaps().inNamespace(ATTACKER_NS).withName(HistoryStore.configMapName(name))
        .get();
  }

  private static CountForecast get(String namespace, String name) {
    return client.resources(CountForecast.class).inNamespace(namespace).withName(name).get();
  }
}
