package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Rolling-origin backtest of the model against a seasonal-naive baseline, so users can see how
 * accurate the forecast is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BacktestStatus {

  /** Mean absolute error of the model's expected counts. */
  @JsonPropertyDescription("Mean absolute error of the model's expected counts.")
  private Double mae;

  /** Mean absolute error of the seasonal-naive baseline. */
  @JsonPropertyDescription("Mean absolute error of the seasonal-naive baseline.")
  private Double naiveMae;

  /** Mean log predictive probability of the observed counts under the model (higher is better). */
  @JsonPropertyDescription(
      "Mean log predictive probability of the observed counts under the model (higher is "
      + "better).")
  private Double logScore;

  /** Mean log score of the baseline, for comparison with logScore. */
  @JsonPropertyDescription("Mean log score of the baseline, for comparison with logScore.")
  private Double naiveLogScore;

  /** Share of observed counts inside the model's central 50% prediction interval. */
  @JsonPropertyDescription(
      "Share of observed counts inside the model's central 50% prediction interval.")
  private Double coverage50;

  /**
   * Share of observed counts inside the model's central 90% prediction interval (discreteness
   * pushes it above 0.9 for small counts).
   */
  @JsonPropertyDescription(
      "Share of observed counts inside the model's central 90% prediction interval (discreteness "
      + "pushes it above 0.9 for small counts).")
  private Double coverage90;

  /** Share of randomized PIT values in [0.05, 0.95]; about 0.90 when the model is calibrated. */
  @JsonPropertyDescription(
      "Share of randomized PIT values in [0.05, 0.95]; about 0.90 when the model is calibrated.")
  private Double pit90;

  /**
   * Brier score of the surge exceedance probabilities (lower is better). Absent without spec.surge.
   */
  @JsonPropertyDescription(
      "Brier score of the surge exceedance probabilities (lower is better). Absent without "
      + "spec.surge.")
  private Double brier;

  /** Number of backtest folds the scores average over. */
  @JsonPropertyDescription("Number of backtest folds the scores average over.")
  private Integer folds;

  public Double getMae() {
    return mae;
  }

  public void setMae(Double mae) {
    this.mae = mae;
  }

  public Double getNaiveMae() {
    return naiveMae;
  }

  public void setNaiveMae(Double naiveMae) {
    this.naiveMae = naiveMae;
  }

  public Double getLogScore() {
    return logScore;
  }

  public void setLogScore(Double logScore) {
    this.logScore = logScore;
  }

  public Double getNaiveLogScore() {
    return naiveLogScore;
  }

  public void setNaiveLogScore(Double naiveLogScore) {
    this.naiveLogScore = naiveLogScore;
  }

  public Double getCoverage50() {
    return coverage50;
  }

  public void setCoverage50(Double coverage50) {
    this.coverage50 = coverage50;
  }

  public Double getCoverage90() {
    return coverage90;
  }

  public void setCoverage90(Double coverage90) {
    this.coverage90 = coverage90;
  }

  public Double getPit90() {
    return pit90;
  }

  public void setPit90(Double pit90) {
    this.pit90 = pit90;
  }

  public Double getBrier() {
    return brier;
  }

  public void setBrier(Double brier) {
    this.brier = brier;
  }

  public Integer getFolds() {
    return folds;
  }

  public void setFolds(Integer folds) {
    this.folds = folds;
  }
}
