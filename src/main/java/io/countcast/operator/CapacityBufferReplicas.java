package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Headroom's CapacityBuffer ({@code autoscaling.x-k8s.io/v1beta1}, cluster-autoscaler's buffer
 * API, also adopted by Karpenter): its {@code spec.replicas} counts buffer chunks the
 * autoscaler keeps room for, raised ahead of a surge. Read as a generic resource, so the
 * operator needs no generated types and works without the CRD installed (the buffer is then
 * PlaceholderNotFound). Only named buffers are read (get, never list).
 */
final class CapacityBufferReplicas extends HeadroomTarget<GenericKubernetesResource> {

  static final String KIND = "CapacityBuffer";
  static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("autoscaling.x-k8s.io").withVersion("v1beta1").withKind(KIND)
      .withPlural("capacitybuffers").withNamespaced(true).build();

  private final KubernetesClient client;

  CapacityBufferReplicas(KubernetesClient client) {
    super(KIND);
    this.client = client;
  }

  @Override
  String plannedName(ForecastPlan.HeadroomPlan headroom) {
    return headroom.capacityBufferName();
  }

  @Override
  GenericKubernetesResource get(String namespace, String name) {
    return client.genericKubernetesResources(CONTEXT).inNamespace(namespace).withName(name).get();
  }

  /** spec.replicas; absent (a buffer sized by percentage or limits only) counts as 0. */
  @Override
  int currentReplicas(GenericKubernetesResource buffer) {
    Object replicas = buffer.get("spec", "replicas");
    return replicas instanceof Number n ? n.intValue() : 0;
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return new Problem(Reasons.PLACEHOLDER_NOT_FOUND, "CapacityBuffer "
        + forecast.getMetadata().getNamespace() + "/"
        + plan.action().headroom().capacityBufferName() + " does not exist (or the "
        + "capacitybuffers.autoscaling.x-k8s.io CRD is not installed)");
  }

  @Override
  public void patch(GenericKubernetesResource buffer, String patch) {
    client.genericKubernetesResources(CONTEXT).inNamespace(buffer.getMetadata().getNamespace())
        .withName(buffer.getMetadata().getName()).patch(SurgeActions.MERGE, patch);
  }
}
