package io.countcast.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.testing.ControlPlane;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mechanism Countcast acts through, checked on a real control plane with the HPA controller
 * and no metrics server: raising an HPA's minReplicas above the Deployment's replicas scales the
 * Deployment up, because the controller enforces the floor before it looks at metrics.
 */
class HpaMinReplicasScalingIT {

  @RegisterExtension
  static final ControlPlane CONTROL_PLANE = new ControlPlane();

  private static final String NAMESPACE = "hpa-floor";
  /** control-plane.sh runs the HPA controller every 2s; this leaves room for a loaded machine. */
  private static final Duration SCALE_TIMEOUT = Duration.ofSeconds(60);
  /** Long enough for several HPA syncs: nothing may change in this time. */
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(8);

  private static KubernetesClient client;

  @BeforeAll
  static void createNamespace() {
    client = CONTROL_PLANE.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .endMetadata().build()).create();
  }

  @Test
  void runsThePinnedKubernetesVersion() {
    assertThat(client.getKubernetesVersion().getGitVersion())
        .isEqualTo("v" + PinnedKubeApiBinaries.pinnedVersion());
  }

  @Test
  void raisingMinReplicasAboveTheDeploymentScalesItUp() {
    createDeploymentWithHpa("web", 1, 1, 6);
    // Without metrics and with the floor at the current size, the HPA leaves the Deployment alone.
    await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.plusSeconds(5))
        .until(() -> specReplicas("web") == 1);

    hpa("web").edit(h -> {
      h.getSpec().setMinReplicas(3);
      return h;
    });

    await("Deployment scaled to the new floor").atMost(SCALE_TIMEOUT)
        .until(() -> specReplicas("web") == 3);
    await("HPA status").atMost(SCALE_TIMEOUT).untilAsserted(() -> {
      HorizontalPodAutoscaler status = hpa("web").get();
      assertThat(status.getStatus().getDesiredReplicas()).isEqualTo(3);
    });
  }

  /** NOTES.md: a target at 0 replicas counts as "autoscaling disabled"; the floor is not applied. */
  @Test
  void aDeploymentAtZeroReplicasIsNotScaledByTheFloor() {
    createDeploymentWithHpa("idle", 0, 2, 6);

    await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.plusSeconds(5))
        .until(() -> specReplicas("idle") == 0);
  }

  private static void createDeploymentWithHpa(String name, int replicas, int minReplicas,
      int maxReplicas) {
    client.apps().deployments().inNamespace(NAMESPACE)
        .resource(TestWorkloads.deployment(NAMESPACE, name, replicas)).create();
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE)
        .resource(TestWorkloads.cpuHpa(NAMESPACE, name, minReplicas, maxReplicas)).create();
  }

  private static int specReplicas(String deployment) {
    Deployment current = client.apps().deployments().inNamespace(NAMESPACE).withName(deployment).get();
    return current.getSpec().getReplicas();
  }

  private static Resource<HorizontalPodAutoscaler> hpa(String name) {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName(name);
  }
}
