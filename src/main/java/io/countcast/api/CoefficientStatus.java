package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One regression coefficient of the fitted model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CoefficientStatus {

  /** Name of the model term, e.g. (Intercept), daily_sin1 or log(exposure). */
  @JsonPropertyDescription("Name of the model term, e.g. (Intercept), daily_sin1 or log(exposure).")
  private String term;

  /** Estimated coefficient on the log scale; exp(estimate) is the rate ratio. */
  @JsonPropertyDescription(
      "Estimated coefficient on the log scale; exp(estimate) is the rate ratio.")
  private Double estimate;

  /** Standard error of the estimate. */
  @JsonPropertyDescription("Standard error of the estimate.")
  private Double stdError;

  public String getTerm() {
    return term;
  }

  public void setTerm(String term) {
    this.term = term;
  }

  public Double getEstimate() {
    return estimate;
  }

  public void setEstimate(Double estimate) {
    this.estimate = estimate;
  }

  public Double getStdError() {
    return stdError;
  }

  public void setStdError(Double stdError) {
    this.stdError = stdError;
  }
}
