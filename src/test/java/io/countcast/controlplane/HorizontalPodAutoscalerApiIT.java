package io.countcast.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The autoscaling/v2 HPA API of the pinned kube-apiserver, as the operator will use it. */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class HorizontalPodAutoscalerApiIT {

  private static final String NAMESPACE = "default";

  static KubernetesClient client;

  @Test
  void runsThePinnedKubernetesVersion() {
    assertThat(client.getKubernetesVersion().getGitVersion())
        .isEqualTo("v" + PinnedKubeApiBinaries.pinnedVersion());
  }

  @Test
  void storesAndReturnsAnAutoscalingV2Hpa() {
    create(TestWorkloads.cpuHpa(NAMESPACE, "web", 2, 8));

    HorizontalPodAutoscaler read = hpas("web").get();

    assertThat(read.getApiVersion()).isEqualTo("autoscaling/v2");
    assertThat(read.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(read.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
    assertThat(read.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(read.getSpec().getMaxReplicas()).isEqualTo(8);
    MetricSpec metric = read.getSpec().getMetrics().get(0);
    assertThat(metric.getResource().getName()).isEqualTo("cpu");
    assertThat(metric.getResource().getTarget().getAverageUtilization())
        .isEqualTo(TestWorkloads.TARGET_CPU_UTILIZATION);
  }

  @Test
  void raisesMinReplicasWithAnEdit() {
    create(TestWorkloads.cpuHpa(NAMESPACE, "api", 1, 10));

    hpas("api").edit(hpa -> {
      hpa.getSpec().setMinReplicas(4);
      return hpa;
    });

    assertThat(hpas("api").get().getSpec().getMinReplicas()).isEqualTo(4);
  }

  /** The operator must clamp a forecast floor to maxReplicas: the API refuses min above max. */
  @Test
  void rejectsMinReplicasAboveMaxReplicas() {
    create(TestWorkloads.cpuHpa(NAMESPACE, "worker", 1, 3));

    assertThatThrownBy(() -> hpas("worker").edit(hpa -> {
      hpa.getSpec().setMinReplicas(5);
      return hpa;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getMessage()).contains("spec.maxReplicas", "must be greater than or equal to `minReplicas`");
    });
    assertThat(hpas("worker").get().getSpec().getMinReplicas()).isEqualTo(1);
  }

  private static void create(HorizontalPodAutoscaler hpa) {
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).resource(hpa).create();
  }

  private static Resource<HorizontalPodAutoscaler> hpas(String name) {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName(name);
  }
}
