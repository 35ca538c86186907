package io.countcast.testing;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.Map;

/** Minimal Deployments, StatefulSets and autoscaling/v2 HPAs for tests on a real API server. */
public final class TestWorkloads {

  /** CPU utilization the test HPAs aim for, in percent of requests. */
  public static final int TARGET_CPU_UTILIZATION = 70;

  private TestWorkloads() {
  }

  /** A Deployment of one pause container; no kubelet runs in tests, so pods stay Pending. */
  public static Deployment deployment(String namespace, String name, int replicas) {
    Map<String, String> labels = Map.of("app", name);
    return new DeploymentBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(labels).endSelector()
          .withTemplate(pauseTemplate(labels))
        .endSpec()
        .build();
  }

  /** A StatefulSet of one pause container selecting app={@code name}; its pods stay Pending. */
  public static StatefulSet statefulSet(String namespace, String name) {
    Map<String, String> labels = Map.of("app", name);
    return new StatefulSetBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec()
          .withServiceName(name)
          .withNewSelector().withMatchLabels(labels).endSelector()
          .withTemplate(pauseTemplate(labels))
        .endSpec()
        .build();
  }

  /** Pods of one pause container "app" labelled {@code labels}. */
  private static PodTemplateSpec pauseTemplate(Map<String, String> labels) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
          .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10").endContainer()
        .endSpec()
        .build();
  }

  /** An autoscaling/v2 HPA on a Deployment's CPU utilization. */
  public static HorizontalPodAutoscaler cpuHpa(String namespace, String deployment,
      int minReplicas, int maxReplicas) {
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withNamespace(namespace).withName(deployment).endMetadata()
        .withNewSpec()
          .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
            .withName(deployment).endScaleTargetRef()
          .withMinReplicas(minReplicas)
          .withMaxReplicas(maxReplicas)
          .addNewMetric().withType("Resource")
            .withNewResource().withName("cpu")
              .withNewTarget().withType("Utilization")
                .withAverageUtilization(TARGET_CPU_UTILIZATION).endTarget()
            .endResource()
          .endMetric()
        .endSpec()
        .build();
  }
}
