package io.countcast.operator;

import static io.countcast.operator.TestForecasts.isReady;
import static io.countcast.operator.TestForecasts.prometheusForecast;
import static io.countcast.operator.TestForecasts.restartForecast;
import static io.countcast.operator.TestForecasts.withSelector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.countcast.api.ActionSpec;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.SecretKeyRef;
import io.countcast.api.TargetKind;
import io.countcast.install.CountcastChart;
import io.countcast.install.RenderedObjects;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.WindowSample;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's least-privilege RBAC, proven end to end. The chart's RBAC objects, rendered
 * with default values (ServiceAccount, ClusterRole and its binding, the Lease Role and its
 * binding in countcast-system), are applied to a real kube-apiserver, and the real operator
 * (all namespaces, leader election on, Lease in countcast-system) runs with a bound token of the
 * chart's ServiceAccount from a TokenRequest: the API server authenticates it as
 * {@code system:serviceaccount:countcast-system:<name>} exactly as in a pod (no impersonation).
 *
 * <p>As that identity it does its whole job: collects restarts, publishes a forecast in status,
 * stores its history ConfigMap, raises an HPA's minReplicas and annotates a Deployment and a
 * StatefulSet, records a Warning Event, reads a Prometheus bearer token from a Secret, holds and
 * renews the Lease, and restores the floor when its CountForecast is deleted (finalizer). The
 * API server runs the admission plugin OwnerReferencesPermissionEnforcement, as many clusters
 * do, so the history ConfigMap's owner reference is checked against the role too. The API
 * server's audit log (level Metadata, that namespace's service accounts only) then shows what it
 * used: no request may be forbidden (a verb missing from the role fails here), and every
 * granted (resource, verb) must have been used (a grant nothing needs fails here), see
 * {@link #usedExactlyWhatTheRoleGrants()}.
 *
 * <p>Stand-ins: the test plays the kubelet ({@link FakeKubelet}) and a Prometheus (a stub that
 * records the Authorization header), and the forecaster is scripted so a surge is forecast
 * after two windows; every Kubernetes request is the operator's own. The ordered tests share
 * one operator run.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorServiceAccountIT {

  private static final String SYSTEM_NS = CountcastChart.NAMESPACE;
  private static final String NS = "shop";
  private static final String IDENTITY = "countcast-0";
  private static final String TOKEN = "s3cret";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> RBAC_KINDS =
      List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  /**
   * Grants this run needs or may need without making a request with them, so the audit log
   * cannot show them; each with what needs it. OwnerReferencesPermissionEnforcement (enabled
   * here) lets only a user that may update the owner's finalizers set blockOwnerDeletion, as the
   * history ConfigMap's controller reference does: without the grant its create is forbidden.
   * JOSDK's LeaderElectionManager asks a SelfSubjectRulesReview for get, create and update on
   * Leases and refuses to start without all three, although the Lease lock renews with patch.
   * JOSDK re-reads a CountForecast (get) only when patching its finalizer away conflicts with
   * another write (ReconciliationDispatcher's conflict retry), which this run cannot time.
   */
  private static final Map<String, String> GRANTS_WITHOUT_A_REQUEST = Map.of(
      "countcast.io/countforecasts/finalizers: update",
      "admission: the history ConfigMap's owner reference has blockOwnerDeletion",
      "coordination.k8s.io/leases: update",
      "JOSDK's leader election start-up check (a SelfSubjectRulesReview)",
      "countcast.io/countforecasts: get",
      "JOSDK's retry of a conflicting finalizer patch");
  /** What every authenticated user may do (ClusterRole system:basic-user), not the chart's. */
  private static final Set<String> ALLOWED_TO_EVERYONE = Set.of(
      "authorization.k8s.io/selfsubjectrulesreviews: create");

  private static final AuditLog AUDIT = AuditLog.ofServiceAccountsIn(SYSTEM_NS);

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer(apiServerFlags());

  private static final RenderedObjects CHART = CountcastChart.template();
  private static final ScriptedForecaster FORECASTER = new ScriptedForecaster(Clock.systemUTC());
  private static final Set<String> AUTHORIZATIONS = new CopyOnWriteArraySet<>();

  private static KubernetesClient admin;
  private static KubernetesClient asServiceAccount;
  private static String serviceAccountUser;
  private static HttpServer prometheus;
  private static FakeKubelet kubelet;
  private static CountcastOperator operator;

  private static Map<String, String> apiServerFlags() {
    Map<String, String> flags = new HashMap<>(AUDIT.apiServerFlags());
    flags.put("--enable-admission-plugins", "OwnerReferencesPermissionEnforcement");
    return flags;
  }

  @BeforeAll
  static void installChartRbacAndStartTheOperator() throws IOException {
    admin = API_SERVER.client();
    CustomResourceDefinitions.applyFromFile(admin,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    for (String namespace : List.of(SYSTEM_NS, NS)) {
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).create();
    }
    for (String kind : RBAC_KINDS) {
      List<HasMetadata> objects = CHART.ofKind(kind);
      assertThat(objects).as("rendered %s", kind).hasSize(1);
      admin.resource(objects.get(0)).create();
    }
    asServiceAccount =
        serviceAccountClient(CHART.only(ServiceAccount.class).getMetadata().getName());

    createWorkloads();
    FORECASTER.surge(true);
    operator = CountcastOperator.start(asServiceAccount, false, OperatorSettings.defaults()
            .withHttp("127.0.0.1", 0)
            .withLeaderElection(true, SYSTEM_NS, IDENTITY)
            .inProcess(Duration.ofSeconds(6))
            .withPrometheus(new PrometheusDefaults(stubUrl(), false, null)),
        FORECASTER, Clock.systemUTC());
    createForecasts();
    kubelet.start(150);
  }

  @AfterAll
  static void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (prometheus != null) {
      prometheus.stop(0);
    }
    if (asServiceAccount != null) {
      asServiceAccount.close();
    }
    AUDIT.close();
  }

  /** A client that authenticates with a bound token of the ServiceAccount, nothing else. */
  private static KubernetesClient serviceAccountClient(String name) {
    serviceAccountUser = "system:serviceaccount:" + SYSTEM_NS + ":" + name;
    String token = admin.serviceAccounts().inNamespace(SYSTEM_NS).withName(name)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L)
            .endSpec().build())
        .getStatus().getToken();
    Config adminConfig = Config.fromKubeconfig(API_SERVER.kubeconfigYaml());
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(adminConfig.getMasterUrl())
        .withCaCertData(adminConfig.getCaCertData())
        .withCaCertFile(adminConfig.getCaCertFile())
        .withOauthToken(token)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Deployment web (3 pods, an HPA 1..6), StatefulSet db, a Prometheus token Secret. */
  private static void createWorkloads() throws IOException {
    admin.resource(TestWorkloads.deployment(NS, "web", 3)).create();
    kubelet = new FakeKubelet(admin, NS, "web", Map.of("app", "web"), 3);
    admin.resource(TestWorkloads.cpuHpa(NS, "web", 1, 6)).create();
    admin.resource(TestWorkloads.statefulSet(NS, "db")).create();
    admin.resource(new SecretBuilder().withNewMetadata().withNamespace(NS)
        .withName("prometheus-token")
        .addToLabels("countcast.io/prometheus-credentials", "true").endMetadata()
        .addToStringData("token", TOKEN).build()).create();
    prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.createContext("/", OperatorServiceAccountIT::answerEmpty);
    prometheus.start();
  }

  /**
   * web: restarts of Deployment web, ScaleHPA. db: StatefulSet db (counting web's pods),
   * Annotate. ghost: a Deployment that does not exist. prom: Prometheus with a bearer token.
   */
  private static void createForecasts() {
    CountForecast web = restartForecast(NS, "web", "web", 2);
    web.getSpec().setTrainEvery("2s");
    web.getSpec().setAction(action(ActionType.SCALE_HPA));
    admin.resource(web).create();

    CountForecast db = withSelector(restartForecast(NS, "db", "db", 2), Map.of("app", "web"));
    db.getSpec().getTargetRef().setKind(TargetKind.STATEFUL_SET);
    db.getSpec().setAction(action(ActionType.ANNOTATE));
    admin.resource(db).create();

    admin.resource(restartForecast(NS, "ghost", "no-such-deployment", 2)).create();

    CountForecast prom = prometheusForecast(NS, "prom", "web", "sum(up)", null);
    prom.getSpec().getSignal().getPrometheus().setUrl(stubUrl().toString());
    SecretKeyRef token = new SecretKeyRef();
    token.setName("prometheus-token");
    token.setKey("token");
    prom.getSpec().getSignal().getPrometheus().setBearerTokenSecretRef(token);
    admin.resource(prom).create();
  }

  private static ActionSpec action(ActionType type) {
    ActionSpec action = new ActionSpec();
    action.setType(type);
    action.setSurgeMinReplicas(3);
    action.setLeadTime("1m");
    action.setCooldown("3s");
    return action;
  }

  /** The stub Prometheus: the operator's default and only allowed URL. */
  private static URI stubUrl() {
    return URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort());
  }

  /** A Prometheus that knows no series; it records who asked. */
  private static void answerEmpty(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    AUTHORIZATIONS.add(authorization == null ? "" : authorization);
    String type = exchange.getRequestURI().getPath().endsWith("query_range") ? "matrix" : "vector";
    byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"" + type
        + "\",\"result\":[]}}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  @Order(1)
  void publishesAForecastAndStoresItsHistory() {
    await("web Ready").atMost(TIMEOUT).until(() -> isReady(forecast("web")));
    CountForecast web = forecast("web");
    assertThat(web.getStatus().getObservedGeneration())
        .isEqualTo(web.getMetadata().getGeneration());
    assertThat(web.getStatus().getForecast()).isNotEmpty();

    ConfigMap history = admin.configMaps().inNamespace(NS)
        .withName(HistoryStore.configMapName("web")).get();
    OwnerReference owner = history.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getUid()).isEqualTo(web.getMetadata().getUid());
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
    await("restarts counted").atMost(TIMEOUT).until(() -> new HistoryStore(admin)
        .load(NS, "web").orElseThrow().state().samples().stream()
        .mapToLong(WindowSample::count).sum() > 0);
  }

  @Test
  @Order(2)
  void raisesTheHpaFloorAndAnnotatesTheDeploymentAndTheStatefulSet() {
    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    await("annotations").atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(admin.apps().deployments().inNamespace(NS).withName("web").get().getMetadata()
          .getAnnotations()).containsKey(ForecastAnnotations.SURGE_PROBABILITY);
      assertThat(admin.apps().statefulSets().inNamespace(NS).withName("db").get().getMetadata()
          .getAnnotations()).containsKey(ForecastAnnotations.SURGE_PROBABILITY);
    });
  }

  @Test
  @Order(3)
  void reportsAMissingTargetAsAWarningEvent() {
    await("TargetNotFound").atMost(TIMEOUT).until(() ->
        admin.v1().events().inNamespace(NS).list().getItems().stream()
            .anyMatch(e -> "ghost".equals(e.getInvolvedObject().getName())
                && "Warning".equals(e.getType())
                && Reasons.TARGET_NOT_FOUND.equals(e.getReason())));
  }

  @Test
  @Order(4)
  void sendsThePrometheusTokenReadFromItsSecret() {
    await("Prometheus asked with the token").atMost(TIMEOUT)
        .until(() -> AUTHORIZATIONS.contains("Bearer " + TOKEN));
  }

  @Test
  @Order(5)
  void holdsAndRenewsTheLeaseInItsOwnNamespace() {
    await("Lease renewed").atMost(TIMEOUT).untilAsserted(() -> {
      Lease lease = admin.leases().inNamespace(SYSTEM_NS)
          .withName(OperatorSettings.DEFAULT_LEASE_NAME).get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(IDENTITY);
      assertThat(lease.getSpec().getRenewTime()).isAfter(lease.getSpec().getAcquireTime());
    });
  }

  @Test
  @Order(6)
  void deletingTheCountForecastRestoresTheFloor() {
    admin.resources(CountForecast.class).inNamespace(NS).withName("web").delete();

    await("finalizer removed").atMost(TIMEOUT).until(() -> forecast("web") == null);
    assertThat(minReplicas()).isEqualTo(1);
  }

  /**
   * What the operator did as its ServiceAccount, from the audit log: nothing was forbidden, and
   * the (resource, verb) pairs it used are exactly those the chart's roles grant.
   */
  @Test
  @Order(7)
  void usedExactlyWhatTheRoleGrants() {
    operator.close(); // its last requests (Lease release) are in the log too
    List<AuditLog.Request> requests = AUDIT.requests();
    assertThat(requests).extracting(AuditLog.Request::user).containsOnly(serviceAccountUser);
    Set<String> forbidden = grants(requests, true);
    Set<String> used = grants(requests, false);
    assertThat(used).as("the Lease start-up check ran").containsAll(ALLOWED_TO_EVERYONE);
    used.removeAll(ALLOWED_TO_EVERYONE);
    used.addAll(GRANTS_WITHOUT_A_REQUEST.keySet());
    Set<String> granted =
        new TreeSet<>(RenderedObjects.grants(CHART.only(ClusterRole.class).getRules()));
    granted.addAll(RenderedObjects.grants(CHART.only(Role.class).getRules()));

    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(forbidden).as("forbidden to %s: missing from the role", serviceAccountUser)
          .isEmpty();
      soft.assertThat(difference(granted, used))
          .as("granted but never used: drop it from the docs table, manifests/ and the chart")
          .isEmpty();
      soft.assertThat(difference(used, granted)).as("used but not granted by the chart").isEmpty();
      soft.assertThat(requests).filteredOn(r -> r.resource().equals("leases"))
          .extracting(AuditLog.Request::namespace).containsOnly(SYSTEM_NS);
    });
  }

  /** The "group/resource: verb" of the requests that were (or were not) forbidden. */
  private static Set<String> grants(List<AuditLog.Request> requests, boolean forbidden) {
    return requests.stream().filter(r -> r.forbidden() == forbidden).map(AuditLog.Request::grant)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> difference(Set<String> all, Set<String> minus) {
    Set<String> rest = new TreeSet<>(all);
    rest.removeAll(minus);
    return rest;
  }

  private static CountForecast forecast(String name) {
    return admin.resources(CountForecast.class).inNamespace(NS).withName(name).get();
  }

  private static int minReplicas() {
    Resource<HorizontalPodAutoscaler> hpa =
        admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("web");
    return hpa.get().getSpec().getMinReplicas();
  }
}
