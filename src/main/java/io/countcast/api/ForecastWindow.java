package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The predictive distribution of the count in one future window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForecastWindow {

  /** Start of the window (RFC 3339, inclusive). */
  @JsonPropertyDescription("Start of the window (RFC 3339, inclusive).")
  private String start;

  /** End of the window (RFC 3339, exclusive). */
  @JsonPropertyDescription("End of the window (RFC 3339, exclusive).")
  private String end;

  /** Expected count (predictive mean). */
  @JsonPropertyDescription("Expected count (predictive mean).")
  private Double expected;

  /** Lower end of the 90% prediction interval (5% quantile). */
  @JsonPropertyDescription("Lower end of the 90% prediction interval (5% quantile).")
  private Integer lower;

  /** Upper end of the 90% prediction interval (95% quantile). */
  @JsonPropertyDescription("Upper end of the 90% prediction interval (95% quantile).")
  private Integer upper;

  /**
   * Probability that the count exceeds spec.surge.threshold in this window. Absent without
   * spec.surge.
   */
  @JsonPropertyDescription(
      "Probability that the count exceeds spec.surge.threshold in this window. Absent without "
      + "spec.surge.")
  private Double exceedProbability;

  /** Version of the model that made this forecast (status.model.version). */
  @JsonPropertyDescription("Version of the model that made this forecast (status.model.version).")
  private Long modelVersion;

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  public Double getExpected() {
    return expected;
  }

  public void setExpected(Double expected) {
    this.expected = expected;
  }

  public Integer getLower() {
    return lower;
  }

  public void setLower(Integer lower) {
    this.lower = lower;
  }

  public Integer getUpper() {
    return upper;
  }

  public void setUpper(Integer upper) {
    this.upper = upper;
  }

  public Double getExceedProbability() {
    return exceedProbability;
  }

  public void setExceedProbability(Double exceedProbability) {
    this.exceedProbability = exceedProbability;
  }

  public Long getModelVersion() {
    return modelVersion;
  }

  public void setModelVersion(Long modelVersion) {
    this.modelVersion = modelVersion;
  }
}
