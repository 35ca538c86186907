package io.countcast.model;

/**
 * One estimated coefficient with the inference R's {@code summary()} reports.
 *
 * @param term the column name, e.g. {@code SexM}
 * @param estimate β
 * @param stdError standard error from the information R reports for this family
 * @param z estimate / stdError
 * @param pValue two-sided normal p-value
 * @param lower lower Wald confidence bound at {@link FitOptions#confidenceLevel()}
 * @param upper upper Wald confidence bound
 */
public record Coefficient(String term, double estimate, double stdError, double z, double pValue,
                          double lower, double upper) {

  /** exp(β): the multiplicative effect on the mean (count part) or on the odds (zero part). */
  public double rateRatio() {
    return Math.exp(estimate);
  }
}
