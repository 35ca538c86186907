package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Headroom's placeholder Deployment: pause pods with resource requests in a negative-priority
 * PriorityClass (examples/headroom/), whose {@code spec.replicas} is raised ahead of a surge.
 * Real pods preempt the placeholders; the evicted placeholders go Pending and the node
 * autoscaler adds a node. Only named Deployments are read (get, never list): the one the plan
 * names and the one status.action reports.
 */
final class PlaceholderReplicas extends HeadroomTarget<Deployment> {

  static final String KIND = "Deployment";

  private final KubernetesClient client;

  PlaceholderReplicas(KubernetesClient client) {
    super(KIND);
    this.client = client;
  }

  @Override
  String plannedName(ForecastPlan.HeadroomPlan headroom) {
    return headroom.deploymentName();
  }

  @Override
  Deployment get(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  @Override
  int currentReplicas(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return new Problem(Reasons.PLACEHOLDER_NOT_FOUND, "placeholder Deployment "
        + forecast.getMetadata().getNamespace() + "/" + plan.action().headroom().deploymentName()
        + " does not exist");
  }

  @Override
  public void patch(Deployment deployment, String patch) {
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
        .withName(deployment.getMetadata().getName()).patch(SurgeActions.MERGE, patch);
  }
}
