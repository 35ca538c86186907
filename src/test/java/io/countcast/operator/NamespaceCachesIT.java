package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecast;
import io.countcast.signal.NamespaceCaches;
import io.countcast.signal.PodObservation;
import io.countcast.signal.PodRestartSource;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-namespace caches against a real kube-apiserver: a restart source reading the pod
 * cache of its namespace sees only the pods of its own namespace that its own selector picks,
 * follows their restart counters through the watch, and the target check served from the
 * Deployment cache reports a deleted target and sees it recreated.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class NamespaceCachesIT {

  static KubernetesClient client;

  private static final String NS = "cache-it";
  private static final String OTHER_NS = "cache-it-other";
  private static final Map<String, String> WEB = Map.of("app", "web");
  private static final LabelSelector WEB_SELECTOR = new LabelSelectorBuilder().withMatchLabels(WEB).build();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @BeforeAll
  static void namespaces() {
    for (String ns : List.of(NS, OTHER_NS)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .endMetadata().build()).create();
    }
  }

  private static void createPod(String ns, String name, Map<String, String> labels, int restarts) {
    client.pods().inNamespace(ns).resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
        .build()).create();
    reportRestarts(ns, name, restarts);
  }

  /** What the kubelet would do: report the restart counter through the status subresource. */
  private static void reportRestarts(String ns, String pod, int restarts) {
    client.pods().inNamespace(ns).withName(pod).editStatus(p -> new PodBuilder(p).editOrNewStatus()
        .withPhase("Running").withContainerStatuses(new ContainerStatusBuilder().withName("app")
            .withImage("busybox").withImageID("").withReady(true).withRestartCount(restarts)
            .withNewState().withNewRunning().endRunning().endState().build())
        .endStatus().build());
  }

  private static int restarts(List<PodObservation> pods, String name) {
    return pods.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
        .containers().get(0).restartCount();
  }

  @Test
  void theCachedPathCountsTheRestartsOfItsOwnPodsOnly() {
    createPod(NS, "web-1", WEB, 2);
    createPod(NS, "web-2", WEB, 0);
    createPod(NS, "db-1", Map.of("app", "db"), 7);
    createPod(OTHER_NS, "web-9", WEB, 5);
    NamespaceCaches<Pod> caches = PodRestartSource.caches(client);
    PodRestartSource source = new PodRestartSource(client, NS, WEB_SELECTOR, caches, "cf-uid-1");

    // The first use starts the namespace's cache; until it is current the tick LISTs.
    assertThat(source.observe()).extracting(PodObservation::name)
        .containsExactlyInAnyOrder("web-1", "web-2");
    Awaitility.await().atMost(PATIENCE).until(() -> caches.use("cf-uid-1", NS) != null);
    assertThat(caches.namespaces()).containsExactly(NS);

    List<PodObservation> cached = source.observe();
    assertThat(cached).extracting(PodObservation::name).containsExactlyInAnyOrder("web-1", "web-2");
    assertThat(restarts(cached, "web-1")).isEqualTo(2);
    assertThat(caches.use("cf-uid-1", NS).items()).as("slim copies: no spec is cached")
        .allSatisfy(p -> assertThat(p.getSpec()).isNull());

    // A restart reaches the cache through the watch; a new matching pod too.
    reportRestarts(NS, "web-1", 3);
    createPod(NS, "web-3", WEB, 1);
    Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
      List<PodObservation> now = source.observe();
      assertThat(now).extracting(PodObservation::name)
          .containsExactlyInAnyOrder("web-1", "web-2", "web-3");
      assertThat(restarts(now, "web-1")).isEqualTo(3);
    });

    caches.release("cf-uid-1");
    assertThat(caches.namespaces()).as("the last CountForecast of the namespace went").isEmpty();
  }

  @Test
  void theCachedTargetCheckReportsADeletedTargetAndSeesItRecreated() {
    client.apps().deployments().inNamespace(NS).resource(deployment("web", "v1")).create();
    NamespaceCaches<Deployment> deployments = TargetSelector.deploymentCaches(client);
    TargetSelector targets = new TargetSelector(client, deployments, new NamespaceCaches<>(ns -> {
      throw new AssertionError("no StatefulSet is targeted");
    }));
    CountForecast forecast = new CountForecast();
    forecast.getMetadata().setNamespace(NS);
    forecast.getMetadata().setName("cf");
    forecast.getMetadata().setUid("cf-uid-2");
    ForecastPlan plan = ForecastPlan.of(TestSpecs.minimal());

    assertThat(targets.resolve(forecast, plan).getMatchLabels()).containsEntry("version", "v1");
    Awaitility.await().atMost(PATIENCE).until(() -> deployments.use("cf-uid-2", NS) != null);
    assertThat(targets.resolve(forecast, plan).getMatchLabels()).containsEntry("version", "v1");

    // From here on the cache is current, so the checks below are served from it.
    client.apps().deployments().inNamespace(NS).withName("web").delete();
    Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
        assertThatThrownBy(() -> targets.requireTarget(forecast, plan))
            .isInstanceOfSatisfying(ProblemException.class, e -> {
              assertThat(e.problem().reason()).isEqualTo(Reasons.TARGET_NOT_FOUND);
              assertThat(e.getMessage()).contains("Deployment " + NS + "/web does not exist");
            }));

    client.apps().deployments().inNamespace(NS).resource(deployment("web", "v2")).create();
    Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(targets.resolve(forecast, plan).getMatchLabels()).containsEntry("version", "v2"));
    targets.release("cf-uid-2");
    assertThat(deployments.namespaces()).isEmpty();
  }

  private static Deployment deployment(String name,
      String version) {
    Map<String, String> labels = Map.of("app", name, "version", version);
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
