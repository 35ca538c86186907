package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.TargetKind;
import io.countcast.signal.FakeNamespaceWatch;
import io.countcast.signal.NamespaceCaches;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The target check served from current caches: no request reaches the (unreachable) client. */
class TargetSelectorTest {

  private final KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(
      new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0)
          .build()).build();
  private final FakeNamespaceWatch<Deployment> deploymentWatch = new FakeNamespaceWatch<>("shop");
  private final FakeNamespaceWatch<StatefulSet> setWatch = new FakeNamespaceWatch<>("shop");
  private final NamespaceCaches<Deployment> deployments = new NamespaceCaches<>(ns -> deploymentWatch);
  private final NamespaceCaches<StatefulSet> statefulSets = new NamespaceCaches<>(ns -> setWatch);
  private final TargetSelector targets = new TargetSelector(unreachable, deployments, statefulSets);

  @AfterEach
  void close() {
    unreachable.close();
  }

  private static CountForecast forecast() {
    CountForecast forecast = new CountForecast();
    forecast.getMetadata().setNamespace("shop");
    forecast.getMetadata().setName("cf");
    forecast.getMetadata().setUid("cf-uid");
    return forecast;
  }

  private static Deployment web(String version) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop")
        .withUid("d-" + version).withResourceVersion("3").addToAnnotations("big", "x".repeat(500))
        .endMetadata().withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "web", "v", version))
        .endSelector().withReplicas(3).withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web"))
        .endMetadata().endTemplate().endSpec().build();
  }

  @Test
  void theSlimCopyKeepsIdentityAndPodSelectorOnly() {
    Deployment slim = TargetSelector.slim(web("v1"));

    assertThat(slim.getMetadata().getUid()).isEqualTo("d-v1");
    assertThat(slim.getMetadata().getResourceVersion()).isEqualTo("3");
    assertThat(slim.getMetadata().getAnnotations()).isEmpty();
    assertThat(slim.getSpec().getSelector()).isEqualTo(web("v1").getSpec().getSelector());
    assertThat(slim.getSpec().getTemplate()).isNull();
    assertThat(slim.getSpec().getReplicas()).isNull();
  }

  @Test
  void aCurrentCacheAnswersTheTargetCheckAndTargetNotFound() {
    ForecastPlan plan = ForecastPlan.of(TestSpecs.minimal());
    deploymentWatch.current = true;
    deploymentWatch.objects.add(TargetSelector.slim(web("v1")));

    assertThat(targets.resolve(forecast(), plan).getMatchLabels()).containsEntry("v", "v1");

    deploymentWatch.objects.clear(); // the watch heard of the deletion
    assertThatThrownBy(() -> targets.requireTarget(forecast(), plan))
        .isInstanceOfSatisfying(ProblemException.class, e ->
            assertThat(e.problem().reason()).isEqualTo(Reasons.TARGET_NOT_FOUND));

    deploymentWatch.objects.add(TargetSelector.slim(web("v2"))); // recreated
    assertThat(targets.resolve(forecast(), plan).getMatchLabels()).containsEntry("v", "v2");
  }

  @Test
  void aCountForecastUsesTheCacheOfItsTargetsKindOnly() {
    deploymentWatch.current = true;
    deploymentWatch.objects.add(TargetSelector.slim(web("v1")));
    targets.requireTarget(forecast(), ForecastPlan.of(TestSpecs.minimal()));
    assertThat(deployments.namespaces()).containsExactly("shop");

    CountForecastSpec toStatefulSet = TestSpecs.minimal();
    toStatefulSet.getTargetRef().setKind(TargetKind.STATEFUL_SET);
    assertThatThrownBy(() -> targets.requireTarget(forecast(), ForecastPlan.of(toStatefulSet)))
        .isInstanceOf(RuntimeException.class); // the StatefulSet cache is not current: a GET, here unreachable
    assertThat(deployments.namespaces()).as("released when the target kind changed").isEmpty();
    assertThat(statefulSets.namespaces()).containsExactly("shop");

    targets.release("cf-uid");
    assertThat(statefulSets.namespaces()).isEmpty();
    assertThat(setWatch.closed).isTrue();
  }
}
