package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the operator does while a surge is forecast. It only ever raises the HPA floor and
 * restores it afterwards; it never scales in on a forecast.
 */
@ValidationRule(value = "!(has(self.type) && self.type == 'ScaleHPA') || has(self.surgeMinReplicas) "
    + "|| has(self.surgeTargetUtilization)",
    message = "action.surgeMinReplicas or action.surgeTargetUtilization is required when "
        + "action.type is ScaleHPA")
@ValidationRule(value = "!(has(self.type) && self.type == 'Headroom') || has(self.headroom)",
    message = "action.headroom is required when action.type is Headroom")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActionSpec {

  /** Default of {@link #getLeadTime()}. */
  public static final String DEFAULT_LEAD_TIME = "10m";
  /** Default of {@link #getCooldown()}. */
  public static final String DEFAULT_COOLDOWN = "30m";

  /**
   * None: only publish the forecast. Annotate: also annotate the target with the surge forecast.
   * ScaleHPA: raise the HPA's minReplicas to surgeMinReplicas ahead of a forecast surge.
   * Headroom: raise a placeholder Deployment's or CapacityBuffer's replicas ahead of a forecast
   * surge, so the node autoscaler makes room.
   */
  @JsonPropertyDescription(
      "None: only publish the forecast. Annotate: also annotate the target with the surge "
      + "forecast. ScaleHPA: raise the HPA's minReplicas to surgeMinReplicas ahead of a forecast "
      + "surge. Headroom: raise a placeholder Deployment's or CapacityBuffer's replicas ahead of "
      + "a forecast surge, so the node autoscaler makes room.")
  @Default("None")
  private ActionType type = ActionType.NONE;

  /**
   * Name of the HPA to change for ScaleHPA. Defaults to the HPA in this namespace whose
   * scaleTargetRef is the target.
   */
  @JsonPropertyDescription(
      "Name of the HPA to change for ScaleHPA. Defaults to the HPA in this namespace whose "
      + "scaleTargetRef is the target.")
  @Size(min = 1, max = 253)
  private String hpaName;

  /**
   * minReplicas set on the HPA while a surge is forecast (never lower than the HPA's own
   * minReplicas). 1 to 100000; ScaleHPA needs this, surgeTargetUtilization or both.
   */
  @JsonPropertyDescription(
      "minReplicas set on the HPA while a surge is forecast (never lower than the HPA's own "
      + "minReplicas). 1 to 100000; ScaleHPA needs this, surgeTargetUtilization or both.")
  @Min(1)
  @Max(SpecLimits.MAX_SURGE_MIN_REPLICAS)
  private Integer surgeMinReplicas;

  /**
   * ScaleHPA: while a surge is forecast, the HPA's CPU Resource utilization target (percent of
   * requests) is lowered to this, so the HPA scales out earlier; restored after the cooldown.
   * Only that metric entry is changed. 1 to 1000; with or without surgeMinReplicas.
   */
  @JsonPropertyDescription(
      "ScaleHPA: while a surge is forecast, the HPA's CPU Resource utilization target (percent "
      + "of requests) is lowered to this, so the HPA scales out earlier; restored after the "
      + "cooldown. Only that metric entry is changed. 1 to 1000; with or without "
      + "surgeMinReplicas.")
  @Min(1)
  @Max(SpecLimits.MAX_TARGET_UTILIZATION)
  private Integer surgeTargetUtilization;

  /** The placeholder to raise for Headroom; required for Headroom. */
  @JsonPropertyDescription("The placeholder to raise for Headroom; required for Headroom.")
  private HeadroomSpec headroom;

  /**
   * How long before the first surge window the floor is raised, so new pods are ready in time. Same
   * duration format as window.
   */
  @JsonPropertyDescription(
      "How long before the first surge window the floor is raised, so new pods are ready in "
      + "time. Same duration format as window.")
  @Default(DEFAULT_LEAD_TIME)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  @ValidationRule(value = PromDuration.AT_MOST_WEEK_RULE, message = PromDuration.AT_MOST_WEEK_MESSAGE)
  private String leadTime = DEFAULT_LEAD_TIME;

  /**
   * How long the raised floor is kept after the surge is no longer forecast, to avoid flapping.
   * Same duration format as window.
   */
  @JsonPropertyDescription(
      "How long the raised floor is kept after the surge is no longer forecast, to avoid "
      + "flapping. Same duration format as window.")
  @Default(DEFAULT_COOLDOWN)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  @ValidationRule(value = PromDuration.AT_MOST_WEEK_RULE, message = PromDuration.AT_MOST_WEEK_MESSAGE)
  private String cooldown = DEFAULT_COOLDOWN;

  /**
   * Decide and report what would be done (action.state DryRun) without changing the HPA or the
   * target.
   */
  @JsonPropertyDescription(
      "Decide and report what would be done (action.state DryRun) without changing the HPA or "
      + "the target.")
  @Default("false")
  private Boolean dryRun = false;

  public ActionType getType() {
    return type;
  }

  public void setType(ActionType type) {
    this.type = type;
  }

  public String getHpaName() {
    return hpaName;
  }

  public void setHpaName(String hpaName) {
    this.hpaName = hpaName;
  }

  public Integer getSurgeMinReplicas() {
    return surgeMinReplicas;
  }

  public void setSurgeMinReplicas(Integer surgeMinReplicas) {
    this.surgeMinReplicas = surgeMinReplicas;
  }

  public Integer getSurgeTargetUtilization() {
    return surgeTargetUtilization;
  }

  public void setSurgeTargetUtilization(Integer surgeTargetUtilization) {
    this.surgeTargetUtilization = surgeTargetUtilization;
  }

  public HeadroomSpec getHeadroom() {
    return headroom;
  }

  public void setHeadroom(HeadroomSpec headroom) {
    this.headroom = headroom;
  }

  public String getLeadTime() {
    return leadTime;
  }

  public void setLeadTime(String leadTime) {
    this.leadTime = leadTime;
  }

  public String getCooldown() {
    return cooldown;
  }

  public void setCooldown(String cooldown) {
    this.cooldown = cooldown;
  }

  public Boolean getDryRun() {
    return dryRun;
  }

  public void setDryRun(Boolean dryRun) {
    this.dryRun = dryRun;
  }
}
