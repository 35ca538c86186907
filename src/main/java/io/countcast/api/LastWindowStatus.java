package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last closed window beside the forecast made for it before it began. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastWindowStatus {

  /** Start of the window (RFC 3339, inclusive). */
  @JsonPropertyDescription("Start of the window (RFC 3339, inclusive).")
  private String start;

  /** The count observed in the window. */
  @JsonPropertyDescription("The count observed in the window.")
  private Long observed;

  /** The count the forecast expected (its predictive mean). */
  @JsonPropertyDescription("The count the forecast expected (its predictive mean).")
  private Double expected;

  /** Lower end of the forecast's 90% interval (5% quantile). */
  @JsonPropertyDescription("Lower end of the forecast's 90% interval (5% quantile).")
  private Long lower;

  /** Upper end of the forecast's 90% interval (95% quantile). */
  @JsonPropertyDescription("Upper end of the forecast's 90% interval (95% quantile).")
  private Long upper;

  /**
   * How unusual the count was under the forecast made before the window: 1 − tailProbability,
   * to 4 decimals. Near 1 for a burst the forecast did not expect, 0 for a count of zero; above
   * 0.99 is what countcast detect flags at its default threshold.
   */
  @JsonPropertyDescription(
      "How unusual the count was under the forecast made before the window: 1 − tailProbability, "
      + "to 4 decimals. Near 1 for a burst the forecast did not expect, 0 for a count of zero; "
      + "above 0.99 is what countcast detect flags at its default threshold.")
  private Double anomalyScore;

  /**
   * The upper-tail probability P(count at least the observed one) under the forecast made
   * before the window, to 3 significant digits: countcast detect's score, small for a burst.
   */
  @JsonPropertyDescription(
      "The upper-tail probability P(count at least the observed one) under the forecast made "
      + "before the window, to 3 significant digits: countcast detect's score, small for a burst.")
  private Double tailProbability;

  /** Version of the model that made the forecast. */
  @JsonPropertyDescription("Version of the model that made the forecast.")
  private Long modelVersion;

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public Long getObserved() {
    return observed;
  }

  public void setObserved(Long observed) {
    this.observed = observed;
  }

  public Double getExpected() {
    return expected;
  }

  public void setExpected(Double expected) {
    this.expected = expected;
  }

  public Long getLower() {
    return lower;
  }

  public void setLower(Long lower) {
    this.lower = lower;
  }

  public Long getUpper() {
    return upper;
  }

  public void setUpper(Long upper) {
    this.upper = upper;
  }

  public Double getAnomalyScore() {
    return anomalyScore;
  }

  public void setAnomalyScore(Double anomalyScore) {
    this.anomalyScore = anomalyScore;
  }

  public Long getModelVersion() {
    return modelVersion;
  }

  public void setModelVersion(Long modelVersion) {
    this.modelVersion = modelVersion;
  }

  public Double getTailProbability() {
    return tailProbability;
  }

  public void setTailProbability(Double tailProbability) {
    this.tailProbability = tailProbability;
  }
}
