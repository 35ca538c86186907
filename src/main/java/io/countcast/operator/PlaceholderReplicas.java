package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.SpecLimits;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Headroom's placeholder Deployment: pause pods with resource requests in a negative-priority
 * PriorityClass (examples/headroom/), whose {@code spec.replicas} is raised ahead of a surge.
 * Real pods preempt the placeholders; the evicted placeholders go Pending and the node
 * autoscaler adds a node. Only named Deployments are read (get, never list): the one the plan
 * names and the one status.action reports.
 */
final class PlaceholderReplicas implements FloorTarget<Deployment> {

  static final String KIND = "Deployment";

  private final KubernetesClient client;

  PlaceholderReplicas(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ActionType type() {
    return ActionType.HEADROOM;
  }

  @Override
  public boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == ActionType.HEADROOM
        && plan.action().headroom().deploymentName() != null;
  }

  @Override
  public SurgeFloorPolicy.Subject subject() {
    return new SurgeFloorPolicy.Subject("Deployment", "replicas");
  }

  @Override
  public List<Deployment> candidates(CountForecast forecast, ForecastPlan plan,
      ActionStatus previous) {
    String namespace = forecast.getMetadata().getNamespace();
    return HeadroomObjects.names(KIND, plan == null ? null
            : plan.action().headroom() == null ? null : plan.action().headroom().deploymentName(),
        previous).stream()
        .map(name -> client.apps().deployments().inNamespace(namespace).withName(name).get())
        .filter(d -> d != null).toList();
  }

  @Override
  public Deployment find(List<Deployment> candidates, CountForecast forecast,
      ForecastPlan plan) {
    String name = plan.action().headroom().deploymentName();
    return name == null ? null : candidates.stream()
        .filter(d -> name.equals(d.getMetadata().getName())).findFirst().orElse(null);
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return new Problem(Reasons.PLACEHOLDER_NOT_FOUND, "placeholder Deployment "
        + forecast.getMetadata().getNamespace() + "/" + plan.action().headroom().deploymentName()
        + " does not exist");
  }

  @Override
  public int wanted(ForecastPlan plan, CountForecastStatus next, Instant now) {
    return HeadroomSize.replicas(plan, next, now);
  }

  @Override
  public String originalAnnotation() {
    return HpaFloor.ORIGINAL_REPLICAS;
  }

  @Override
  public HpaFloor.Read read(Deployment deployment, String ownerKey, Integer knownOriginal) {
    Integer replicas = deployment.getSpec().getReplicas();
    int current = replicas == null ? 1 : replicas;
    return HpaFloor.read(deployment.getMetadata().getAnnotations(),
        new HpaFloor.Field(HpaFloor.ORIGINAL_REPLICAS, 0), current,
        Math.max(current, SpecLimits.MAX_HEADROOM_REPLICAS), ownerKey, knownOriginal);
  }

  @Override
  public Object specPatch(Deployment deployment, int value) {
    return Map.of("replicas", value);
  }

  @Override
  public void patch(Deployment deployment, String patch) {
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName()).patch(SurgeActions.MERGE, patch);
  }

  @Override
  public String reference(Deployment deployment) {
    return KIND + "/" + deployment.getMetadata().getName();
  }
}
