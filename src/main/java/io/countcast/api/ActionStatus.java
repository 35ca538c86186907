package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the surge action did to the HPA and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionStatus {

  /**
   * Idle, Raised (floor raised for a surge), Cooldown (surge over, floor kept until cooldown ends),
   * DryRun (would act, dryRun set) or ExternalChange (someone else changed the floor; left alone).
   */
  @JsonPropertyDescription(
      "Idle, Raised (floor raised for a surge), Cooldown (surge over, floor kept until cooldown "
      + "ends), DryRun (would act, dryRun set) or ExternalChange (someone else changed the floor; "
      + "left alone).")
  private ActionState state;

  /** The HPA's minReplicas before the operator raised it; restored after the cooldown. */
  @JsonPropertyDescription(
      "The HPA's minReplicas before the operator raised it; restored after the cooldown.")
  private Integer originalMinReplicas;

  /** The minReplicas the operator set while a surge is forecast. */
  @JsonPropertyDescription("The minReplicas the operator set while a surge is forecast.")
  private Integer appliedMinReplicas;

  /**
   * The object the action changes, as Kind/name (e.g. HorizontalPodAutoscaler/web,
   * Deployment/countcast-headroom); read to restore it when the action changes.
   */
  @JsonPropertyDescription(
      "The object the action changes, as Kind/name (e.g. HorizontalPodAutoscaler/web, "
      + "Deployment/countcast-headroom); read to restore it when the action changes.")
  private String object;

  /** ScaleHPA with surgeTargetUtilization: what was done to the HPA's CPU target. */
  @JsonPropertyDescription(
      "ScaleHPA with surgeTargetUtilization: what was done to the HPA's CPU target.")
  private TargetUtilizationStatus targetUtilization;

  /** When state last changed (RFC 3339). */
  @JsonPropertyDescription("When state last changed (RFC 3339).")
  private String lastTransitionTime;

  /** Why the action is in this state, in plain words. */
  @JsonPropertyDescription("Why the action is in this state, in plain words.")
  private String reason;

  public ActionState getState() {
    return state;
  }

  public void setState(ActionState state) {
    this.state = state;
  }

  public Integer getOriginalMinReplicas() {
    return originalMinReplicas;
  }

  public void setOriginalMinReplicas(Integer originalMinReplicas) {
    this.originalMinReplicas = originalMinReplicas;
  }

  public Integer getAppliedMinReplicas() {
    return appliedMinReplicas;
  }

  public void setAppliedMinReplicas(Integer appliedMinReplicas) {
    this.appliedMinReplicas = appliedMinReplicas;
  }

  public String getObject() {
    return object;
  }

  public void setObject(String object) {
    this.object = object;
  }

  public TargetUtilizationStatus getTargetUtilization() {
    return targetUtilization;
  }

  public void setTargetUtilization(TargetUtilizationStatus targetUtilization) {
    this.targetUtilization = targetUtilization;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
