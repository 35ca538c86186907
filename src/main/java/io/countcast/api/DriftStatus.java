package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Whether the data moved away from what the model was trained on: the population stability
 * index of the newest windows against the training windows at the same seasonal phase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftStatus {

  /** Windows in the recent sample. */
  @JsonPropertyDescription("Windows in the recent sample.")
  private Integer recentWindows;

  /** Training windows at the same seasonal phase the recent sample was compared with. */
  @JsonPropertyDescription(
      "Training windows at the same seasonal phase the recent sample was compared with.")
  private Integer referenceWindows;

  /** Population stability index of the counts (above threshold is drift). */
  @JsonPropertyDescription("Population stability index of the counts (above threshold is drift).")
  private Double countPsi;

  /** Population stability index of the exposure (above threshold is drift). */
  @JsonPropertyDescription(
      "Population stability index of the exposure (above threshold is drift).")
  private Double exposurePsi;

  /**
   * The index above which the data have drifted: 0.25 (the usual major shift), or more where
   * the samples are small enough for noise alone to reach it.
   */
  @JsonPropertyDescription(
      "The index above which the data have drifted: 0.25 (the usual major shift), or more where "
      + "the samples are small enough for noise alone to reach it.")
  private Double threshold;

  public Integer getRecentWindows() {
    return recentWindows;
  }

  public void setRecentWindows(Integer recentWindows) {
    this.recentWindows = recentWindows;
  }

  public Integer getReferenceWindows() {
    return referenceWindows;
  }

  public void setReferenceWindows(Integer referenceWindows) {
    this.referenceWindows = referenceWindows;
  }

  public Double getCountPsi() {
    return countPsi;
  }

  public void setCountPsi(Double countPsi) {
    this.countPsi = countPsi;
  }

  public Double getExposurePsi() {
    return exposurePsi;
  }

  public void setExposurePsi(Double exposurePsi) {
    this.exposurePsi = exposurePsi;
  }

  public Double getThreshold() {
    return threshold;
  }

  public void setThreshold(Double threshold) {
    this.threshold = threshold;
  }
}
