package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The Headroom action's object: a placeholder Deployment (pause pods in a negative-priority
 * PriorityClass) or a cluster-autoscaler CapacityBuffer in the CountForecast's namespace, whose
 * spec.replicas is raised while a surge is forecast so the node autoscaler adds room in time.
 */
@ValidationRule(value = "has(self.deploymentName) != has(self.capacityBufferName)",
    message = "headroom: set exactly one of deploymentName or capacityBufferName")
@ValidationRule(value = "has(self.replicas) != has(self.replicasFromForecast)",
    message = "headroom: set exactly one of replicas or replicasFromForecast")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeadroomSpec {

  /** Name of the placeholder Deployment in this namespace whose replicas are raised. */
  @JsonPropertyDescription(
      "Name of the placeholder Deployment in this namespace whose replicas are raised.")
  @Size(min = 1, max = 253)
  private String deploymentName;

  /**
   * Name of the CapacityBuffer (autoscaling.x-k8s.io/v1beta1) in this namespace whose
   * spec.replicas (buffer chunks) are raised.
   */
  @JsonPropertyDescription(
      "Name of the CapacityBuffer (autoscaling.x-k8s.io/v1beta1) in this namespace whose "
      + "spec.replicas (buffer chunks) are raised.")
  @Size(min = 1, max = 253)
  private String capacityBufferName;

  /** Replicas (or buffer chunks) while a surge is forecast. 1 to 10000. */
  @JsonPropertyDescription("Replicas (or buffer chunks) while a surge is forecast. 1 to 10000.")
  @Min(1)
  @Max(SpecLimits.MAX_HEADROOM_REPLICAS)
  private Integer replicas;

  /** Size the headroom from the forecast instead of a fixed replicas. */
  @JsonPropertyDescription("Size the headroom from the forecast instead of a fixed replicas.")
  private ReplicasFromForecast replicasFromForecast;

  /**
   * Headroom sized by the forecast: replicas = ceil(podsPerUnit × the largest upper bound of
   * the 90% interval among the forecast windows that have not ended and start within leadTime),
   * within 1..10000.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ReplicasFromForecast {

    /**
     * Placeholder replicas per unit of forecast count (e.g. 0.1: one per 10 errors). Above 0,
     * at most 1000.
     */
    @JsonPropertyDescription(
        "Placeholder replicas per unit of forecast count (e.g. 0.1: one per 10 errors). Above "
        + "0, at most 1000.")
    @Min(value = 0, inclusive = false)
    @Max(SpecLimits.MAX_PODS_PER_UNIT)
    private Double podsPerUnit;

    public Double getPodsPerUnit() {
      return podsPerUnit;
    }

    public void setPodsPerUnit(Double podsPerUnit) {
      this.podsPerUnit = podsPerUnit;
    }
  }

  public String getDeploymentName() {
    return deploymentName;
  }

  public void setDeploymentName(String deploymentName) {
    this.deploymentName = deploymentName;
  }

  public String getCapacityBufferName() {
    return capacityBufferName;
  }

  public void setCapacityBufferName(String capacityBufferName) {
    this.capacityBufferName = capacityBufferName;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ReplicasFromForecast getReplicasFromForecast() {
    return replicasFromForecast;
  }

  public void setReplicasFromForecast(ReplicasFromForecast replicasFromForecast) {
    this.replicasFromForecast = replicasFromForecast;
  }
}
