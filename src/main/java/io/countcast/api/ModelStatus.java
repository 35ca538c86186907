package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Summary of the fitted count regression, named so that theta and alpha cannot be confused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelStatus {

  /**
   * How the forecast was made: regression (a count regression of the given family, fitted on the
   * training windows) or gamma-poisson (too few events for a regression: a constant rate with
   * the Jeffreys prior Gamma(1/2, 0), whose posterior predictive is negative binomial; the
   * intercept is then the log of the posterior mean rate). selectionReason says why.
   */
  @JsonPropertyDescription(
      "How the forecast was made: regression (a count regression of the given family, fitted on "
      + "the training windows) or gamma-poisson (too few events for a regression: a constant rate "
      + "with the Jeffreys prior Gamma(1/2, 0), whose posterior predictive is negative binomial; "
      + "the intercept is then the log of the posterior mean rate). selectionReason says why.")
  private String method;

  /** Family of the fitted model: poisson, nb2, nb1 or zinb2. */
  @JsonPropertyDescription("Family of the fitted model: poisson, nb2, nb1 or zinb2.")
  private String family;

  /**
   * NB2/ZINB2 size parameter theta (variance = mu + mu^2/theta; R's glm.nb theta). Absent for other
   * families.
   */
  @JsonPropertyDescription(
      "NB2/ZINB2 size parameter theta (variance = mu + mu^2/theta; R's glm.nb theta). Absent for "
      + "other families.")
  private Double theta;

  /**
   * Dispersion alpha: 1/theta for nb2 and zinb2 (statsmodels' alpha); for nb1 the variance is mu(1
   * + alpha). Absent for poisson.
   */
  @JsonPropertyDescription(
      "Dispersion alpha: 1/theta for nb2 and zinb2 (statsmodels' alpha); for nb1 the variance is "
      + "mu(1 + alpha). Absent for poisson.")
  private Double alpha;

  /** Akaike information criterion of the fit (lower is better). */
  @JsonPropertyDescription("Akaike information criterion of the fit (lower is better).")
  private Double aic;

  /** Log-likelihood of the fit. */
  @JsonPropertyDescription("Log-likelihood of the fit.")
  private Double logLik;

  /** Estimated regression coefficients on the log scale of the mean. */
  @JsonPropertyDescription("Estimated regression coefficients on the log scale of the mean.")
  private List<CoefficientStatus> coefficients = new ArrayList<>();

  /**
   * Why this family was chosen, e.g. the AIC comparison when spec.model.family is auto, or a
   * fallback reason.
   */
  @JsonPropertyDescription(
      "Why this family was chosen, e.g. the AIC comparison when spec.model.family is auto, or a "
      + "fallback reason.")
  private String selectionReason;

  /**
   * The model's version: 1 for the first model of this CountForecast, one more at each
   * retraining. Kept in the prediction archive, so it survives operator restarts; each forecast
   * window carries the version that made it.
   */
  @JsonPropertyDescription(
      "The model's version: 1 for the first model of this CountForecast, one more at each "
      + "retraining. Kept in the prediction archive, so it survives operator restarts; each "
      + "forecast window carries the version that made it.")
  private Long version;

  /** The windows the model was fitted on. */
  @JsonPropertyDescription("The windows the model was fitted on.")
  private TrainingSpan trainedOn;

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getFamily() {
    return family;
  }

  public void setFamily(String family) {
    this.family = family;
  }

  public Double getTheta() {
    return theta;
  }

  public void setTheta(Double theta) {
    this.theta = theta;
  }

  public Double getAlpha() {
    return alpha;
  }

  public void setAlpha(Double alpha) {
    this.alpha = alpha;
  }

  public Double getAic() {
    return aic;
  }

  public void setAic(Double aic) {
    this.aic = aic;
  }

  public Double getLogLik() {
    return logLik;
  }

  public void setLogLik(Double logLik) {
    this.logLik = logLik;
  }

  public List<CoefficientStatus> getCoefficients() {
    return coefficients;
  }

  public void setCoefficients(List<CoefficientStatus> coefficients) {
    this.coefficients = coefficients;
  }

  public String getSelectionReason() {
    return selectionReason;
  }

  public void setSelectionReason(String selectionReason) {
    this.selectionReason = selectionReason;
  }

  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }

  public TrainingSpan getTrainedOn() {
    return trainedOn;
  }

  public void setTrainedOn(TrainingSpan trainedOn) {
    this.trainedOn = trainedOn;
  }
}
