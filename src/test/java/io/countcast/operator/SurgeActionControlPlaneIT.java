package io.countcast.operator;

import static io.countcast.operator.TestForecasts.restartForecast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecast;
import io.countcast.testing.ControlPlane;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ScaleHPA action end to end on a real control plane (kube-apiserver and
 * kube-controller-manager with the HPA, Deployment and ReplicaSet controllers): the real operator
 * with a {@link ScriptedForecaster}, so surges come and go when the test says, while the
 * decisions and every Kubernetes write are the operator's own. Each test has its own namespace
 * and operator; the forecasts use 1 s windows, trainEvery 2 s and a 3 s cooldown.
 */
class SurgeActionControlPlaneIT {

  @RegisterExtension
  static final ControlPlane CONTROL_PLANE = new ControlPlane();

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String ORIGINAL = HpaFloor.ORIGINAL;

  private static KubernetesClient client;

  private final ScriptedForecaster forecaster = new ScriptedForecaster(Clock.systemUTC());
  private String ns;
  private CountcastOperator operator;

  @BeforeAll
  static void installCrd() {
    client = CONTROL_PLANE.client();
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
  }

  @BeforeEach
  void namespaceAndOperator(TestInfo test) throws IOException {
    ns = test.getTestMethod().orElseThrow().getName().replaceAll("([A-Z])", "-$1").toLowerCase()
        .substring(0, 20).replaceAll("-$", "");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    client.resource(TestWorkloads.deployment(ns, "web", 1)).create();
    forecaster.surge(true);
    operator = startOperator();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aSurgeRaisesTheFloorScalesTheDeploymentAndTheFloorIsRestoredAfterCooldown() {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, false)).create();

    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    HorizontalPodAutoscaler raised = hpa().get();
    assertThat(raised.getMetadata().getAnnotations()).containsEntry(ORIGINAL, "1")
        .containsEntry(HpaFloor.ownerKey(ns, "web"), "3");
    assertThat(raised.getMetadata().getManagedFields())
        .anyMatch(f -> SurgeActions.FIELD_MANAGER.equals(f.getManager()));
    await("controller-manager scales the Deployment to the floor").atMost(TIMEOUT)
        .until(() -> client.apps().deployments().inNamespace(ns).withName("web").get()
            .getSpec().getReplicas() == 3);
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);
    ActionStatus action = action("web");
    assertThat(action.getOriginalMinReplicas()).isEqualTo(1);
    assertThat(action.getAppliedMinReplicas()).isEqualTo(3);
    assertThat(events("web", Reasons.SURGE_FLOOR_RAISED)).hasSize(1);
    assertThat(condition("web", ConditionType.ACTION_READY))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", Reasons.ACTION_APPLIED);
    await("surge annotations").atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata()
          .getAnnotations()).containsKeys(ForecastAnnotations.SURGE_PROBABILITY,
              ForecastAnnotations.EXPECTED_PEAK, ForecastAnnotations.SURGE_START,
              ForecastAnnotations.FORECAST_UPDATED);
      assertThat(hpa().get().getMetadata().getAnnotations())
          .containsEntry(ForecastAnnotations.SURGE_PROBABILITY, "1.000");
    });

    forecaster.surge(false);

    await("floor restored after the cooldown").atMost(TIMEOUT).until(() -> minReplicas() == 1);
    assertThat(hpa().get().getMetadata().getAnnotations())
        .doesNotContainKeys(ORIGINAL, HpaFloor.ownerKey(ns, "web"));
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.IDLE);
    assertThat(events("web", Reasons.SURGE_FLOOR_RESTORED)).hasSize(1);
    assertThat(actions("raise")).isEqualTo(1.0);
    assertThat(actions("restore")).isEqualTo(1.0);
  }

  @Test
  void aSurgeLowersTheCpuTargetAndAConcurrentEditOfAnotherMetricIsKept() throws Exception {
    createHpa(1, 6);
    CountForecast forecast = scaleHpa("web", 3, null, false);
    forecast.getSpec().getAction().setSurgeMinReplicas(null);
    forecast.getSpec().getAction().setSurgeTargetUtilization(40);
    client.resource(forecast).create();

    await("CPU target lowered").atMost(TIMEOUT).until(() -> cpuTarget() == 40);
    assertThat(hpa().get().getMetadata().getAnnotations())
        .containsEntry(HpaCpuTarget.ORIGINAL, String.valueOf(TestWorkloads.TARGET_CPU_UTILIZATION))
        .containsEntry(HpaFloor.ownerKey(HpaCpuTarget.OWNER_PREFIX, ns, "web"), "40")
        .doesNotContainKey(ORIGINAL);
    assertThat(minReplicas()).isEqualTo(1);
    await().atMost(TIMEOUT).until(() -> action("web") != null
        && action("web").getTargetUtilization() != null
        && action("web").getTargetUtilization().getState() == ActionState.RAISED);
    assertThat(action("web").getTargetUtilization().getOriginalUtilization())
        .isEqualTo(TestWorkloads.TARGET_CPU_UTILIZATION);
    assertThat(action("web").getTargetUtilization().getAppliedUtilization()).isEqualTo(40);
    assertThat(action("web").getTargetUtilization().getReason())
        .isEqualTo("lowered CPU target utilization 70 to 40 for a surge forecast within leadTime");

    // Someone adds a memory metric while the target is lowered: a JSON patch, its own manager.
    hpa().patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/spec/metrics/-\","
        + "\"value\":{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"target\":"
        + "{\"type\":\"Utilization\",\"averageUtilization\":80}}}}]");
    Thread.sleep(3_000); // several ticks with the surge still forecast
    assertThat(memoryTarget()).isEqualTo(80);
    assertThat(cpuTarget()).isEqualTo(40);

    forecaster.surge(false);

    await("CPU target restored after the cooldown").atMost(TIMEOUT)
        .until(() -> cpuTarget() == TestWorkloads.TARGET_CPU_UTILIZATION);
    assertThat(memoryTarget()).as("the other metric entry is left alone").isEqualTo(80);
    assertThat(hpa().get().getMetadata().getAnnotations()).doesNotContainKeys(
        HpaCpuTarget.ORIGINAL, HpaFloor.ownerKey(HpaCpuTarget.OWNER_PREFIX, ns, "web"));
    assertThat(minReplicas()).isEqualTo(1);
  }

  private int cpuTarget() {
    return metricTarget("cpu");
  }

  private int memoryTarget() {
    return metricTarget("memory");
  }

  private int metricTarget(String resource) {
    return hpa().get().getSpec().getMetrics().stream()
        .filter(m -> m.getResource() != null && resource.equals(m.getResource().getName()))
        .map(m -> m.getResource().getTarget().getAverageUtilization()).findFirst().orElse(-1);
  }

  @Test
  void aKedaManagedHpaIsLeftAloneWithActionReadyFalseKedaManaged() throws Exception {
    HorizontalPodAutoscaler keda = TestWorkloads.cpuHpa(ns, "web", 1, 6);
    keda.getMetadata().setName("keda-hpa-web");
    keda.getMetadata().setLabels(Map.of("scaledobject.keda.sh/name", "web"));
    client.resource(keda).create();
    client.resource(scaleHpa("web", 3, null, false)).create();

    await("KedaManaged").atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
      Condition actionReady = condition("web", ConditionType.ACTION_READY);
      assertThat(actionReady.getStatus()).isEqualTo("False");
      assertThat(actionReady.getReason()).isEqualTo(Reasons.KEDA_MANAGED);
      assertThat(actionReady.getMessage()).contains("KEDA ScaledObject")
          .contains("countcast_forecast_upper_leadtime");
    });
    assertThat(warnings("web", Reasons.KEDA_MANAGED)).hasSize(1);
    Thread.sleep(2_000);
    HorizontalPodAutoscaler after = client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(ns).withName("keda-hpa-web").get();
    assertThat(after.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(countcastFloorAnnotations(after)).isEmpty();
    assertThat(warnings("web", Reasons.KEDA_MANAGED)).as("reported once").hasSize(1);
  }

  @Test
  void aRestartedOperatorNeitherRaisesTwiceNorForgetsToRestore() throws Exception {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, false)).create();
    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    // The HPA is written before the status that reports it.
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.RAISED);
    String trained = forecast("web").getStatus().getLastTrainedTime();

    operator.close();
    operator = startOperator();

    // The new process trains at once; wait until it has acted on its own forecast.
    await().atMost(TIMEOUT).until(() -> !trained.equals(forecast("web").getStatus()
        .getLastTrainedTime()) && state("web") == ActionState.RAISED);
    Thread.sleep(2_000);
    assertThat(actions("raise")).as("raises by the new process").isZero();
    assertThat(minReplicas()).isEqualTo(3);
    assertThat(hpa().get().getMetadata().getAnnotations()).containsEntry(ORIGINAL, "1");
    assertThat(events("web", Reasons.SURGE_FLOOR_RAISED)).hasSize(1);

    forecaster.surge(false);
    await("the new process restores the floor").atMost(TIMEOUT).until(() -> minReplicas() == 1);
    assertThat(hpa().get().getMetadata().getAnnotations()).doesNotContainKey(ORIGINAL);
  }

  @Test
  void anHpaDeletedWhileRaisedIsReportedAndItsRecreationIsRaisedFromItsOwnFloor() {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, "web", false)).create();
    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);

    hpa().delete();
    await().atMost(TIMEOUT).until(() -> hpa().get() == null);

    await("HpaNotFound").atMost(TIMEOUT).until(() -> !warnings("web", Reasons.HPA_NOT_FOUND).isEmpty());
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.IDLE);
    assertThat(action("web").getReason()).isEqualTo("HPA " + ns + "/web does not exist");

    createHpa(2, 6);
    await("recreated HPA raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    assertThat(hpa().get().getMetadata().getAnnotations()).containsEntry(ORIGINAL, "2");

    forecaster.surge(false);
    await("restored to the recreated HPA's floor").atMost(TIMEOUT).until(() -> minReplicas() == 2);
  }

  @Test
  void aGitOpsEditWhileRaisedIsTakenAsTheNewOriginalAndNeverFought() throws Exception {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, false)).create();
    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);

    // Argo CD syncing a Git change of minReplicas: server-side apply, its own field manager.
    client.resource(TestWorkloads.cpuHpa(ns, "web", 4, 6)).fieldManager("argocd")
        .forceConflicts().serverSideApply();

    await("ExternalChange").atMost(TIMEOUT).until(() -> state("web") == ActionState.EXTERNAL_CHANGE);
    assertThat(action("web").getOriginalMinReplicas()).isEqualTo(4);
    await().atMost(TIMEOUT).until(() -> !hpa().get().getMetadata().getAnnotations()
        .containsKey(HpaFloor.ownerKey(ns, "web")));
    assertThat(hpa().get().getMetadata().getAnnotations()).doesNotContainKey(ORIGINAL);
    assertThat(events("web", Reasons.EXTERNAL_CHANGE)).hasSize(1);

    Thread.sleep(3_000); // the surge is still forecast: the HPA is left alone
    assertThat(minReplicas()).isEqualTo(4);
    assertThat(ownsSpec("argocd")).isTrue();
    assertThat(ownsSpec(SurgeActions.FIELD_MANAGER)).isFalse();
    assertThat(state("web")).isEqualTo(ActionState.EXTERNAL_CHANGE);

    forecaster.surge(false);
    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.IDLE);
    assertThat(minReplicas()).isEqualTo(4);
    assertThat(events("web", Reasons.SURGE_FLOOR_RESTORED)).isEmpty();
  }

  @Test
  void aSurgeThatComesDueOnlyAfterTheForecastWentStaleRaisesNothing() throws Exception {
    createHpa(1, 6);
    forecaster.startAfter(Duration.ofSeconds(8));
    CountForecast forecast = scaleHpa("web", 3, null, false);
    forecast.getSpec().getAction().setLeadTime("2s");
    client.resource(forecast).create();
    await("a surge forecast, not yet within leadTime").atMost(TIMEOUT).ignoreExceptions()
        .until(() -> forecast("web").getStatus().getSurgeProbability() != null);
    assertThat(state("web")).isEqualTo(ActionState.IDLE);

    forecaster.fail(true); // the next fit fails: Degraded=True, the surge forecast kept as stale

    await("stale").atMost(TIMEOUT).until(() ->
        Boolean.TRUE.equals(forecast("web").getStatus().getStale()));
    await("the surge comes due on stale data").atMost(TIMEOUT).ignoreExceptions().until(() ->
        action("web").getReason().contains("stale or degraded"));
    assertThat(minReplicas()).isEqualTo(1);
    assertThat(countcastFloorAnnotations()).isEmpty();
    assertThat(events("web", Reasons.SURGE_FLOOR_RAISED)).isEmpty();
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, true)).create();

    await().atMost(TIMEOUT).until(() -> state("web") == ActionState.DRY_RUN);
    assertThat(action("web").getReason()).startsWith(SurgeFloorPolicy.DRY_RUN_PREFIX);
    assertThat(action("web").getAppliedMinReplicas()).isEqualTo(3);
    await().atMost(TIMEOUT).until(() -> events("web", Reasons.DRY_RUN_SURGE_FLOOR_RAISED).size() == 1);
    assertThat(events("web", Reasons.DRY_RUN_SURGE_FLOOR_RAISED).get(0).getMessage())
        .isEqualTo(SurgeFloorPolicy.DRY_RUN_PREFIX
            + "would have raised minReplicas 1 to 3 for a surge forecast within leadTime");
    Thread.sleep(3_000);

    HorizontalPodAutoscaler after = hpa().get();
    assertThat(after.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(after.getMetadata().getManagedFields())
        .noneMatch(f -> SurgeActions.FIELD_MANAGER.equals(f.getManager()));
    assertThat(countcastAnnotations(after.getMetadata().getAnnotations())).isEmpty();
    var deployment = client.apps().deployments().inNamespace(ns).withName("web").get();
    assertThat(countcastAnnotations(deployment.getMetadata().getAnnotations())).isEmpty();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(events("web", Reasons.SURGE_FLOOR_RAISED)).isEmpty();
  }

  @Test
  void annotateWritesTheForecastOnTheWorkloadAndItsHpaAndLeavesTheFloorAlone() {
    createHpa(1, 6);
    CountForecast annotate = scaleHpa("web", 3, null, false);
    annotate.getSpec().getAction().setType(ActionType.ANNOTATE);
    client.resource(annotate).create();

    await("annotations").atMost(TIMEOUT).untilAsserted(() -> {
      Map<String, String> onDeployment = client.apps().deployments().inNamespace(ns)
          .withName("web").get().getMetadata().getAnnotations();
      assertThat(onDeployment).containsEntry(ForecastAnnotations.SURGE_PROBABILITY, "1.000")
          .containsEntry(ForecastAnnotations.EXPECTED_PEAK, "10.00")
          .containsKeys(ForecastAnnotations.SURGE_START, ForecastAnnotations.FORECAST_UPDATED);
      assertThat(hpa().get().getMetadata().getAnnotations())
          .containsEntry(ForecastAnnotations.EXPECTED_PEAK, "10.00");
    });
    assertThat(minReplicas()).isEqualTo(1);
    assertThat(countcastFloorAnnotations()).isEmpty();

    forecaster.surge(false);
    await("surge-start removed once no surge is forecast").atMost(TIMEOUT).until(() ->
        !client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata()
            .getAnnotations().containsKey(ForecastAnnotations.SURGE_START));
    assertThat(actions("annotate")).isPositive();
  }

  @Test
  void aFloorHeldWithoutAStatusSayingSoIsReleasedWhenTheActionIsNone() {
    // As left by a ScaleHPA reconcile whose status patch was lost, then the action switched off.
    HorizontalPodAutoscaler held = TestWorkloads.cpuHpa(ns, "web", 3, 6);
    held.getMetadata().setAnnotations(Map.of(ORIGINAL, "1", HpaFloor.ownerKey(ns, "web"), "3"));
    client.resource(held).create();
    CountForecast none = scaleHpa("web", 3, null, false);
    none.getSpec().getAction().setType(ActionType.NONE);
    client.resource(none).create();

    await("released").atMost(TIMEOUT).until(() -> minReplicas() == 1);
    assertThat(countcastFloorAnnotations()).isEmpty();
    assertThat(events("web", Reasons.SURGE_FLOOR_RESTORED)).hasSize(1);
  }

  @Test
  void deletingTheCountForecastWhileRaisedRestoresTheFloor() {
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, false)).create();
    await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    await("history stored").atMost(TIMEOUT).until(() -> history("web") != null);

    client.resources(CountForecast.class).inNamespace(ns).withName("web").delete();

    await().atMost(TIMEOUT).until(() -> forecast("web") == null);
    assertThat(minReplicas()).isEqualTo(1);
    assertThat(hpa().get().getMetadata().getAnnotations())
        .doesNotContainKeys(ORIGINAL, HpaFloor.ownerKey(ns, "web"));
    // The real garbage collector removes the history with its owner.
    await("history garbage-collected").atMost(TIMEOUT).until(() -> history("web") == null);
  }

  private ConfigMap history(String forecastName) {
    return client.configMaps().inNamespace(ns).withName(forecastName + "-countcast-history").get();
  }

  @Test
  void twoForecastsOnOneHpaTheHigherFloorWinsAndEachRestoresOnlyItsOwn() {
    createHpa(1, 10);
    client.resource(scaleHpa("low", 3, "web", false)).create();
    client.resource(scaleHpa("high", 5, "web", false)).create();

    await("the higher floor wins").atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(minReplicas()).isEqualTo(5);
      assertThat(hpa().get().getMetadata().getAnnotations()).containsEntry(ORIGINAL, "1")
          .containsEntry(HpaFloor.ownerKey(ns, "low"), "3")
          .containsEntry(HpaFloor.ownerKey(ns, "high"), "5");
    });

    // "high" is switched off: only its own floor goes.
    // A merge patch without resourceVersion: the operator writes the status meanwhile.
    client.resources(CountForecast.class).inNamespace(ns).withName("high")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"action\":{\"type\":\"None\"}}}");
    await("back to the lower owner's floor").atMost(TIMEOUT).until(() -> minReplicas() == 3);
    assertThat(hpa().get().getMetadata().getAnnotations()).containsEntry(ORIGINAL, "1")
        .containsEntry(HpaFloor.ownerKey(ns, "low"), "3")
        .doesNotContainKey(HpaFloor.ownerKey(ns, "high"));
    await().atMost(TIMEOUT).until(() -> state("high") == ActionState.IDLE);
    assertThat(state("low")).isEqualTo(ActionState.RAISED);

    forecaster.surge(false);
    await("the original after the last owner's cooldown").atMost(TIMEOUT)
        .until(() -> minReplicas() == 1);
    assertThat(countcastFloorAnnotations()).isEmpty();
  }

  /**
   * The operator with exactly the RBAC docs/operator.md lists (as a Role: it watches one
   * namespace), through a client impersonating a user that has nothing else.
   */
  @Test
  void theDocumentedRbacIsEnoughToRaiseRestoreAndReleaseOnDeletion() throws Exception {
    try (KubernetesClient limited = limitedOperatorWithAForecast(true)) {
      await("floor raised").atMost(TIMEOUT).until(() -> minReplicas() == 3);
      await("surge annotations on the Deployment").atMost(TIMEOUT).until(() ->
          client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata()
              .getAnnotations().containsKey(ForecastAnnotations.SURGE_PROBABILITY));

      client.resources(CountForecast.class).inNamespace(ns).withName("web").delete();

      await().atMost(TIMEOUT).until(() -> forecast("web") == null);
      assertThat(minReplicas()).isEqualTo(1);
      assertThat(matching("web", e -> "Warning".equals(e.getType()))).isEmpty();
      operator.close();
    }
  }

  /** An operator whose RBAC lacks patch on HPAs: ActionReady=False, reason Forbidden. */
  @Test
  void anHpaThatCannotBeWrittenIsActionReadyFalseForbiddenAndTheForecastGoesOn()
      throws Exception {
    try (KubernetesClient limited = limitedOperatorWithAForecast(false)) {
      await("Forbidden").atMost(TIMEOUT).until(() ->
          warnings("web", Reasons.FORBIDDEN).size() == 1);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(action("web").getReason()).startsWith("cannot write HPA web: ")
            .contains("forbidden");
        Condition actionReady = condition("web", ConditionType.ACTION_READY);
        assertThat(actionReady.getStatus()).isEqualTo("False");
        assertThat(actionReady.getReason()).isEqualTo(Reasons.FORBIDDEN);
        assertThat(actionReady.getMessage()).startsWith("cannot write HPA web: ");
      });
      assertThat(minReplicas()).isEqualTo(1);
      assertThat(TestForecasts.isReady(forecast("web"))).isTrue();
      Thread.sleep(2_000); // retried every tick, reported once
      assertThat(warnings("web", Reasons.FORBIDDEN)).hasSize(1);
      assertThat(operator.registry().find(ForecastMetrics.ACTION_FAILURES)
          .tags("type", "ScaleHPA", "reason", Reasons.FORBIDDEN).counter().count())
          .isEqualTo(1.0);
      operator.close();
    }
  }

  private Condition condition(String name, String type) {
    return ForecastReads.condition(client, ns, name, type);
  }

  /**
   * Replaces the operator with one running as the documented Role (without HPA patch if asked)
   * and creates an HPA (1..6) and a ScaleHPA forecast; returns that operator's client.
   */
  private KubernetesClient limitedOperatorWithAForecast(boolean hpaPatch) throws IOException {
    operator.close();
    KubernetesClient limited = clientWithDocumentedRbac(hpaPatch);
    operator = startOperator(limited);
    createHpa(1, 6);
    client.resource(scaleHpa("web", 3, null, false)).create();
    return limited;
  }

  /** A client for a user bound to the Role of docs/operator.md (without HPA patch if asked). */
  private KubernetesClient clientWithDocumentedRbac(boolean hpaPatch) throws IOException {
    String user = "countcast-operator";
    List<String> hpaVerbs = hpaPatch ? List.of("get", "list", "patch") : List.of("get", "list");
    client.resource(new RoleBuilder().withNewMetadata().withNamespace(ns).withName(user)
        .endMetadata()
        .addToRules(rule("countcast.io", "countforecasts", "get", "list", "watch", "patch"))
        .addToRules(rule("countcast.io", "countforecasts/status", "patch"))
        .addToRules(rule("countcast.io", "countforecasts/finalizers", "update"))
        .addToRules(rule("", "pods", "list", "watch"))
        .addToRules(rule("apps", "deployments", "get", "list", "watch", "patch"))
        .addToRules(rule("apps", "statefulsets", "get", "list", "watch", "patch"))
        .addToRules(rule("autoscaling", "horizontalpodautoscalers", hpaVerbs.toArray(String[]::new)))
        .addToRules(rule("", "configmaps", "get", "create", "update"))
        .addToRules(rule("", "events", "create"))
        .build()).create();
    client.resource(new RoleBindingBuilder().withNewMetadata().withNamespace(ns).withName(user)
        .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
        .withName(user).endRoleRef().addNewSubject().withApiGroup("rbac.authorization.k8s.io")
        .withKind("User").withName(user).endSubject().build()).create();
    Config config = new ConfigBuilder(Config.fromKubeconfig(
        Files.readString(CONTROL_PLANE.kubeconfig()))).withImpersonateUsername(user).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs)
        .build();
  }

  private CountcastOperator startOperator() throws IOException {
    return startOperator(client);
  }

  private CountcastOperator startOperator(KubernetesClient as) throws IOException {
    OperatorSettings settings = OperatorSettings.defaults().withNamespaces(Set.of(ns))
        .withHttp("127.0.0.1", 0).withLeaderElection(false, null, null);
    return CountcastOperator.start(as, false, settings, forecaster, Clock.systemUTC());
  }

  /** A CountForecast of Deployment web's restarts with a ScaleHPA action, 3 s cooldown. */
  private CountForecast scaleHpa(String name, int surgeMinReplicas, String hpaName,
      boolean dryRun) {
    CountForecast forecast = restartForecast(ns, name, "web", 2);
    forecast.getSpec().setTrainEvery("2s");
    ActionSpec action = new ActionSpec();
    action.setType(ActionType.SCALE_HPA);
    action.setSurgeMinReplicas(surgeMinReplicas);
    action.setHpaName(hpaName);
    action.setLeadTime("1m");
    action.setCooldown("3s");
    action.setDryRun(dryRun);
    forecast.getSpec().setAction(action);
    return forecast;
  }

  private void createHpa(int min, int max) {
    client.resource(TestWorkloads.cpuHpa(ns, "web", min, max)).create();
  }

  private Resource<HorizontalPodAutoscaler> hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web");
  }

  private int minReplicas() {
    HorizontalPodAutoscaler hpa = hpa().get();
    return hpa == null ? -1 : hpa.getSpec().getMinReplicas();
  }

  private CountForecast forecast(String name) {
    return ForecastReads.forecast(client, ns, name);
  }

  private ActionStatus action(String name) {
    return ForecastReads.action(client, ns, name);
  }

  private ActionState state(String name) {
    return ForecastReads.state(client, ns, name);
  }

  private List<Event> events(String name, String reason) {
    return matching(name, e -> reason.equals(e.getReason()));
  }

  private List<Event> warnings(String name, String reason) {
    return matching(name, e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()));
  }

  private List<Event> matching(String name, Predicate<Event> filter) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "CountForecast".equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName())).filter(filter).toList();
  }

  private double actions(String type) {
    var counter = operator.registry().find(ForecastMetrics.ACTIONS).tag("type", type).counter();
    return counter == null ? 0 : counter.count();
  }

  /** True when {@code manager} owns some field under the HPA's spec. */
  private boolean ownsSpec(String manager) {
    return hpa().get().getMetadata().getManagedFields().stream()
        .filter(f -> manager.equals(f.getManager()))
        .anyMatch(f -> f.getFieldsV1() != null && f.getFieldsV1().getAdditionalProperties()
            .containsKey("f:spec"));
  }

  private List<String> countcastFloorAnnotations() {
    return countcastFloorAnnotations(hpa().get());
  }

  private static List<String> countcastFloorAnnotations(HorizontalPodAutoscaler hpa) {
    return countcastAnnotations(hpa.getMetadata().getAnnotations()).stream()
        .filter(k -> k.equals(ORIGINAL) || k.startsWith(HpaFloor.FLOOR_PREFIX)).toList();
  }

  private static List<String> countcastAnnotations(Map<String, String> annotations) {
    return annotations == null ? List.of() : annotations.keySet().stream()
        .filter(k -> k.startsWith(HpaFloor.PREFIX)).toList();
  }
}
