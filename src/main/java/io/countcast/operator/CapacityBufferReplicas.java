package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.SpecLimits;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Headroom's CapacityBuffer ({@code autoscaling.x-k8s.io/v1beta1}, cluster-autoscaler's buffer
 * API, also adopted by Karpenter): its {@code spec.replicas} counts buffer chunks the
 * autoscaler keeps room for, raised ahead of a surge. Read as a generic resource, so the
 * operator needs no generated types and works without the CRD installed (the buffer is then
 * PlaceholderNotFound). Only named buffers are read (get, never list).
 */
final class CapacityBufferReplicas implements FloorTarget<GenericKubernetesResource> {

  static final String KIND = "CapacityBuffer";
  static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("autoscaling.x-k8s.io").withVersion("v1beta1").withKind(KIND)
      .withPlural("capacitybuffers").withNamespaced(true).build();

  private final KubernetesClient client;

  CapacityBufferReplicas(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ActionType type() {
    return ActionType.HEADROOM;
  }

  @Override
  public boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == ActionType.HEADROOM
        && plan.action().headroom().capacityBufferName() != null;
  }

  @Override
  public SurgeFloorPolicy.Subject subject() {
    return new SurgeFloorPolicy.Subject(KIND, "replicas");
  }

  @Override
  public List<GenericKubernetesResource> candidates(CountForecast forecast, ForecastPlan plan,
      ActionStatus previous) {
    String namespace = forecast.getMetadata().getNamespace();
    return HeadroomObjects.names(KIND, plan == null ? null
            : plan.action().headroom() == null ? null
                : plan.action().headroom().capacityBufferName(), previous).stream()
        .map(name -> client.genericKubernetesResources(CONTEXT).inNamespace(namespace)
            .withName(name).get())
        .filter(b -> b != null).toList();
  }

  @Override
  public GenericKubernetesResource find(List<GenericKubernetesResource> candidates,
      CountForecast forecast, ForecastPlan plan) {
    String name = plan.action().headroom().capacityBufferName();
    return name == null ? null : candidates.stream()
        .filter(b -> name.equals(b.getMetadata().getName())).findFirst().orElse(null);
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return new Problem(Reasons.PLACEHOLDER_NOT_FOUND, "CapacityBuffer "
        + forecast.getMetadata().getNamespace() + "/"
        + plan.action().headroom().capacityBufferName() + " does not exist (or the "
        + "capacitybuffers.autoscaling.x-k8s.io CRD is not installed)");
  }

  @Override
  public int wanted(ForecastPlan plan, CountForecastStatus next, Instant now) {
    return HeadroomSize.replicas(plan, next, now);
  }

  @Override
  public String originalAnnotation() {
    return HpaFloor.ORIGINAL_REPLICAS;
  }

  /** spec.replicas; absent (a buffer sized by percentage or limits only) counts as 0. */
  @Override
  public HpaFloor.Read read(GenericKubernetesResource buffer, String ownerKey,
      Integer knownOriginal) {
    Object replicas = buffer.get("spec", "replicas");
    int current = replicas instanceof Number n ? n.intValue() : 0;
    return HpaFloor.read(buffer.getMetadata().getAnnotations(),
        new HpaFloor.Field(HpaFloor.ORIGINAL_REPLICAS, 0), current,
        Math.max(current, SpecLimits.MAX_HEADROOM_REPLICAS), ownerKey, knownOriginal);
  }

  @Override
  public Object specPatch(GenericKubernetesResource buffer, int value) {
    return Map.of("replicas", value);
  }

  @Override
  public void patch(GenericKubernetesResource buffer, String patch) {
    client.genericKubernetesResources(CONTEXT).inNamespace(buffer.getMetadata().getNamespace())
        .withName(buffer.getMetadata().getName()).patch(SurgeActions.MERGE, patch);
  }

  @Override
  public String reference(GenericKubernetesResource buffer) {
    return KIND + "/" + buffer.getMetadata().getName();
  }
}
