package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What ScaleHPA's surgeTargetUtilization did to the HPA's CPU utilization target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetUtilizationStatus {

  /** Idle, Raised (target lowered for a surge), Cooldown, DryRun or ExternalChange. */
  @JsonPropertyDescription(
      "Idle, Raised (target lowered for a surge), Cooldown, DryRun or ExternalChange.")
  private ActionState state;

  /** The CPU target utilization before the operator lowered it; restored after the cooldown. */
  @JsonPropertyDescription(
      "The CPU target utilization before the operator lowered it; restored after the cooldown.")
  private Integer originalUtilization;

  /** The CPU target utilization the operator set while a surge is forecast. */
  @JsonPropertyDescription(
      "The CPU target utilization the operator set while a surge is forecast.")
  private Integer appliedUtilization;

  /** When state last changed (RFC 3339). */
  @JsonPropertyDescription("When state last changed (RFC 3339).")
  private String lastTransitionTime;

  /** Why, in plain words. */
  @JsonPropertyDescription("Why, in plain words.")
  private String reason;

  /** This status as the floor actions' ActionStatus (original/applied as min replicas). */
  public ActionStatus asActionStatus() {
    ActionStatus status = new ActionStatus();
    status.setState(state);
    status.setOriginalMinReplicas(originalUtilization);
    status.setAppliedMinReplicas(appliedUtilization);
    status.setLastTransitionTime(lastTransitionTime);
    status.setReason(reason);
    return status;
  }

  /** The target-utilization part of a floor action's {@code status}, or null. */
  public static TargetUtilizationStatus of(ActionStatus status) {
    if (status == null) {
      return null;
    }
    TargetUtilizationStatus target = new TargetUtilizationStatus();
    target.state = status.getState();
    target.originalUtilization = status.getOriginalMinReplicas();
    target.appliedUtilization = status.getAppliedMinReplicas();
    target.lastTransitionTime = status.getLastTransitionTime();
    target.reason = status.getReason();
    return target;
  }

  public ActionState getState() {
    return state;
  }

  public void setState(ActionState state) {
    this.state = state;
  }

  public Integer getOriginalUtilization() {
    return originalUtilization;
  }

  public void setOriginalUtilization(Integer originalUtilization) {
    this.originalUtilization = originalUtilization;
  }

  public Integer getAppliedUtilization() {
    return appliedUtilization;
  }

  public void setAppliedUtilization(Integer appliedUtilization) {
    this.appliedUtilization = appliedUtilization;
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
