package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The service level objective the forecast errors belong to, written as Sloth and Pyrra write
 * it: the percentage of requests that succeed over a rolling period. The errors are the signal's
 * query, the requests its exposureQuery.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SloSpec {

  /** A percentage with up to 6 decimals, e.g. 99.9; the CEL rule adds the range (0, 100]. */
  public static final String OBJECTIVE_PATTERN = "^[0-9]{1,3}(\\.[0-9]{1,6})?$";

  /** CEL rule on the objective: strictly above 0, at most 100. */
  static final String OBJECTIVE_RANGE_RULE = "double(self) > 0.0 && double(self) <= 100.0";

  /** CEL rule on the period: within the bounds of {@link SpecLimits}. */
  static final String PERIOD_RANGE_RULE = "self" + PromDuration.CEL_SECONDS + " >= "
      + SpecLimits.MIN_SLO_PERIOD_SECONDS + " && self" + PromDuration.CEL_SECONDS + " <= "
      + SpecLimits.MAX_SLO_PERIOD_SECONDS;

  /**
   * Percentage of requests that succeed, as a decimal string as Sloth and Pyrra write it, e.g.
   * "99.9". More than 0 and at most 100; 100 allows no error at all.
   */
  @JsonPropertyDescription(
      "Percentage of requests that succeed, as a decimal string as Sloth and Pyrra write it, "
      + "e.g. \"99.9\". More than 0 and at most 100; 100 allows no error at all.")
  @Required
  @Pattern(OBJECTIVE_PATTERN)
  @Size(min = 1, max = 10)
  @ValidationRule(value = OBJECTIVE_RANGE_RULE,
      message = "objective must be more than 0 and at most 100")
  private String objective;

  /**
   * The SLO's rolling window, e.g. 30d or 4w; 1h to 90d. Same duration format as window. Errors
   * and requests are counted over the whole period from Prometheus, not only over the history.
   */
  @JsonPropertyDescription(
      "The SLO's rolling window, e.g. 30d or 4w; 1h to 90d. Same duration format as window. "
      + "Errors and requests are counted over the whole period from Prometheus, not only over "
      + "the history.")
  @Required
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PERIOD_RANGE_RULE, message = "period must be 1h to 90d")
  private String period;

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
}
