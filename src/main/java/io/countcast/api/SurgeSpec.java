package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A surge is a window whose count exceeds {@code threshold}; one is forecast when the probability
 * that some window within the horizon exceeds it reaches {@code probability}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SurgeSpec {

  /** Count per window above which a window is a surge. 0 to 1000000000. */
  @JsonPropertyDescription("Count per window above which a window is a surge. 0 to 1000000000.")
  @Required
  @Min(0)
  @Max(SpecLimits.MAX_SURGE_THRESHOLD)
  private Integer threshold;

  /**
   * Probability, strictly between 0 and 1, at which a surge is declared: the SurgeForecast
   * condition compares it with status.surgeProbability (some window of the horizon exceeds
   * threshold); the ScaleHPA action with each window's own exceedProbability.
   */
  @JsonPropertyDescription(
      "Probability, strictly between 0 and 1, at which a surge is declared: the SurgeForecast "
      + "condition compares it with status.surgeProbability (some window of the horizon exceeds "
      + "threshold); the ScaleHPA action with each window's own exceedProbability.")
  @Default("" + SpecLimits.DEFAULT_SURGE_PROBABILITY)
  @ValidationRule(value = "self > 0.0 && self < 1.0",
      message = "probability must be strictly between 0 and 1")
  private Double probability = SpecLimits.DEFAULT_SURGE_PROBABILITY;

  public Integer getThreshold() {
    return threshold;
  }

  public void setThreshold(Integer threshold) {
    this.threshold = threshold;
  }

  public Double getProbability() {
    return probability;
  }

  public void setProbability(Double probability) {
    this.probability = probability;
  }
}
