package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * The error budget of spec.slo: what the objective allows over the period, what has been spent,
 * how fast it burns now, and what the forecast says about running out. docs/slo.md explains each
 * field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ErrorBudgetStatus {

  /** spec.slo.objective as written: the percentage of requests that succeed, e.g. 99.9. */
  @JsonPropertyDescription(
      "spec.slo.objective as written: the percentage of requests that succeed, e.g. "
      + "99.9.")
  private String objective;

  /** spec.slo.period as written: the SLO's rolling window, e.g. 30d. */
  @JsonPropertyDescription("spec.slo.period as written: the SLO's rolling window, e.g. 30d.")
  private String period;

  /**
   * End of the period the counts below cover (RFC 3339): the end of the latest closed window;
   * the period starts spec.slo.period earlier.
   */
  @JsonPropertyDescription(
      "End of the period the counts below cover (RFC 3339): the end of the latest "
      + "closed window; the period starts spec.slo.period earlier.")
  private String countedUntil;

  /**
   * Requests counted over the period (exposureQuery evaluated over the whole period in
   * Prometheus, not only over the history).
   */
  @JsonPropertyDescription(
      "Requests counted over the period (exposureQuery evaluated over the whole period "
      + "in Prometheus, not only over the history).")
  private Double requests;

  /**
   * Errors the objective allows for the requests seen so far in the period: (1 - objective) x
   * requests.
   */
  @JsonPropertyDescription(
      "Errors the objective allows for the requests seen so far in the period: (1 - "
      + "objective) x requests.")
  private Double allowedErrors;

  /** Errors counted over the period (the signal's query evaluated over the whole period). */
  @JsonPropertyDescription(
      "Errors counted over the period (the signal's query evaluated over the whole "
      + "period).")
  private Double consumedErrors;

  /**
   * Share of the error budget left: 1 - consumedErrors / allowedErrors. 1 is untouched, 0 spent,
   * negative when overspent. Absent when the objective is 100 and an error occurred (no budget
   * at all; the gauge shows -Inf).
   */
  @JsonPropertyDescription(
      "Share of the error budget left: 1 - consumedErrors / allowedErrors. 1 is "
      + "untouched, 0 spent, negative when overspent. Absent when the objective is 100 "
      + "and an error occurred (no budget at all; the gauge shows -Inf).")
  private Double remaining;

  /**
   * Error ratio over the last hour divided by (1 - objective), as the SRE workbook defines it: 1
   * spends the budget exactly over the period, 14.4 spends 2% of a 30-day budget in an hour.
   * Absent when the objective is 100 and an error occurred (the gauge shows +Inf).
   */
  @JsonPropertyDescription(
      "Error ratio over the last hour divided by (1 - objective), as the SRE workbook "
      + "defines it: 1 spends the budget exactly over the period, 14.4 spends 2% of a "
      + "30-day budget in an hour. Absent when the objective is 100 and an error occurred"
      + " (the gauge shows +Inf).")
  private Double burnRate;

  /**
   * Burn rate over each window of the SRE workbook's multiwindow alerts, keyed 5m, 30m, 1h and
   * 6h (the 1h one is burnRate). Updated once per spec.window, so the short windows are only as
   * fresh as the window is short. A rate that is not finite (objective 100) is left out.
   */
  @JsonPropertyDescription(
      "Burn rate over each window of the SRE workbook's multiwindow alerts, keyed 5m, 30m, 1h "
      + "and 6h (the 1h one is burnRate). Updated once per spec.window, so the short windows are "
      + "only as fresh as the window is short. A rate that is not finite (objective 100) is left "
      + "out.")
  private Map<String, Double> burnRates;

  /**
   * Probability that the budget is spent within the forecast horizon (until
   * exhaustionHorizonEnd), by simulating errors from the model's predictive distribution of each
   * window together with the forecast requests. Recomputed at each training.
   */
  @JsonPropertyDescription(
      "Probability that the budget is spent within the forecast horizon (until "
      + "exhaustionHorizonEnd), by simulating errors from the model's predictive "
      + "distribution of each window together with the forecast requests. Recomputed at "
      + "each training.")
  private Double exhaustionProbability;

  /**
   * End of the horizon exhaustionProbability covers (RFC 3339): the end of the last forecast
   * window when it was computed.
   */
  @JsonPropertyDescription(
      "End of the horizon exhaustionProbability covers (RFC 3339): the end of the last "
      + "forecast window when it was computed.")
  private String exhaustionHorizonEnd;

  /**
   * Median time at which the simulated paths spend the budget (RFC 3339), present only when at
   * least half of them spend it within the horizon.
   */
  @JsonPropertyDescription(
      "Median time at which the simulated paths spend the budget (RFC 3339), present "
      + "only when at least half of them spend it within the horizon.")
  private String exhaustionTime;

  /**
   * When the budget runs out if the current burn rate goes on (RFC 3339): countedUntil +
   * remaining x period / burnRate, the extrapolation Nobl9 and Honeycomb show. Absent while
   * nothing burns.
   */
  @JsonPropertyDescription(
      "When the budget runs out if the current burn rate goes on (RFC 3339): "
      + "countedUntil + remaining x period / burnRate, the extrapolation Nobl9 and "
      + "Honeycomb show. Absent while nothing burns.")
  private String exhaustionTimeAtCurrentBurn;

  public String getObjective() {
    return objective;
  }

  public void setObjective(String objective) {
    this.objective = objective;
  }

  public String getPeriod() {
    return period;
  }

  public void setPeriod(String period) {
    this.period = period;
  }

  public String getCountedUntil() {
    return countedUntil;
  }

  public void setCountedUntil(String countedUntil) {
    this.countedUntil = countedUntil;
  }

  public Double getRequests() {
    return requests;
  }

  public void setRequests(Double requests) {
    this.requests = requests;
  }

  public Double getAllowedErrors() {
    return allowedErrors;
  }

  public void setAllowedErrors(Double allowedErrors) {
    this.allowedErrors = allowedErrors;
  }

  public Double getConsumedErrors() {
    return consumedErrors;
  }

  public void setConsumedErrors(Double consumedErrors) {
    this.consumedErrors = consumedErrors;
  }

  public Double getRemaining() {
    return remaining;
  }

  public void setRemaining(Double remaining) {
    this.remaining = remaining;
  }

  public Double getBurnRate() {
    return burnRate;
  }

  public void setBurnRate(Double burnRate) {
    this.burnRate = burnRate;
  }

  public Map<String, Double> getBurnRates() {
    return burnRates;
  }

  public void setBurnRates(Map<String, Double> burnRates) {
    this.burnRates = burnRates;
  }

  public Double getExhaustionProbability() {
    return exhaustionProbability;
  }

  public void setExhaustionProbability(Double exhaustionProbability) {
    this.exhaustionProbability = exhaustionProbability;
  }

  public String getExhaustionHorizonEnd() {
    return exhaustionHorizonEnd;
  }

  public void setExhaustionHorizonEnd(String exhaustionHorizonEnd) {
    this.exhaustionHorizonEnd = exhaustionHorizonEnd;
  }

  public String getExhaustionTime() {
    return exhaustionTime;
  }

  public void setExhaustionTime(String exhaustionTime) {
    this.exhaustionTime = exhaustionTime;
  }

  public String getExhaustionTimeAtCurrentBurn() {
    return exhaustionTimeAtCurrentBurn;
  }

  public void setExhaustionTimeAtCurrentBurn(String exhaustionTimeAtCurrentBurn) {
    this.exhaustionTimeAtCurrentBurn = exhaustionTimeAtCurrentBurn;
  }
}
