package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the forecasts have done on live data: the last closed windows, each scored against the
 * forecast made before it (the backtest's scores, on windows the model never saw).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LiveStatus {

  /** Closed windows scored: the newest ones with a forecast, at most one day's or 100. */
  @JsonPropertyDescription(
      "Closed windows scored: the newest ones with a forecast, at most one day's or 100.")
  private Integer windows;

  /** Share of observed counts inside the forecasts' 90% intervals. */
  @JsonPropertyDescription("Share of observed counts inside the forecasts' 90% intervals.")
  private Double coverage90;

  /**
   * Share of randomized PIT values in [0.05, 0.95]: 0.90 when calibrated, whatever the counts
   * (plain coverage overshoots for small counts).
   */
  @JsonPropertyDescription(
      "Share of randomized PIT values in [0.05, 0.95]: 0.90 when calibrated, whatever the counts "
      + "(plain coverage overshoots for small counts).")
  private Double pit90;

  /** Mean log predictive probability of the observed counts (higher is better). */
  @JsonPropertyDescription("Mean log predictive probability of the observed counts (higher is better).")
  private Double logScore;

  /** Mean log score of the one-step seasonal-naive baseline on the same windows. */
  @JsonPropertyDescription("Mean log score of the one-step seasonal-naive baseline on the same windows.")
  private Double naiveLogScore;

  /**
   * Windows per week in which the surge flag was raised (P(count above the threshold) at or
   * above spec.surge.probability) but the count stayed at or below the threshold. Absent
   * without spec.surge.
   */
  @JsonPropertyDescription(
      "Windows per week in which the surge flag was raised (P(count above the threshold) at or "
      + "above spec.surge.probability) but the count stayed at or below the threshold. Absent "
      + "without spec.surge.")
  private Double falseAlarmsPerWeek;

  public Integer getWindows() {
    return windows;
  }

  public void setWindows(Integer windows) {
    this.windows = windows;
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

  public Double getFalseAlarmsPerWeek() {
    return falseAlarmsPerWeek;
  }

  public void setFalseAlarmsPerWeek(Double falseAlarmsPerWeek) {
    this.falseAlarmsPerWeek = falseAlarmsPerWeek;
  }
}
