package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What a {@link CountForecast} forecasts, how it models it, and what it does about a surge.
 *
 * <p>Durations are Prometheus-style strings (see {@link PromDuration}). The defaults below are
 * also written into the CRD schema, so the API server fills them in on create.
 */
@ValidationRule(value = CountForecastSpec.HORIZON_AT_LEAST_WINDOW_RULE,
    message = "horizon must be at least one window long")
@ValidationRule(value = CountForecastSpec.SURGE_REQUIRED_FOR_ACTION_RULE,
    message = "surge must be set when action.type is Annotate or ScaleHPA")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CountForecastSpec {

  /**
   * CEL suffix turning a duration string into seconds: split it into number+unit tokens, convert
   * each, add them up. The schema pattern guarantees the tokens are well formed.
   */
  private static final String CEL_TO_SECONDS = ".findAll('[0-9]+[wdhms]').map(t, "
      + "int(t.substring(0, t.size() - 1)) * {'w': 604800, 'd': 86400, 'h': 3600, 'm': 60, 's': 1}"
      + "[t.substring(t.size() - 1)]).sum()";

  /** CEL rule on the spec: the forecast horizon covers at least one window. */
  static final String HORIZON_AT_LEAST_WINDOW_RULE = "!has(self.horizon) || !has(self.window) || "
      + "self.horizon" + CEL_TO_SECONDS + " >= self.window" + CEL_TO_SECONDS;

  /** CEL rule on the spec: an action needs a surge definition to act on. */
  static final String SURGE_REQUIRED_FOR_ACTION_RULE = "!has(self.action) || !has(self.action.type) "
      + "|| self.action.type == 'None' || has(self.surge)";

  /**
   * The workload whose count is forecast and whose HPA is acted on. Only Deployments and
   * StatefulSets are supported.
   */
  @JsonPropertyDescription(
      "The workload whose count is forecast and whose HPA is acted on. Only Deployments and "
      + "StatefulSets are supported.")
  @Required
  private TargetRef targetRef;

  /** Where the counts come from. Set exactly one of podRestarts or prometheus. */
  @JsonPropertyDescription(
      "Where the counts come from. Set exactly one of podRestarts or prometheus.")
  @Required
  private SignalSpec signal;

  /**
   * Length of one count window, e.g. 5m. Each sample is the count within one window; forecasts are
   * per window. Prometheus-style duration with units s, m, h, d, w (largest first, e.g. 1h30m); at
   * least 1s.
   */
  @JsonPropertyDescription(
      "Length of one count window, e.g. 5m. Each sample is the count within one window; "
      + "forecasts are per window. Prometheus-style duration with units s, m, h, d, w (largest "
      + "first, e.g. 1h30m); at least 1s.")
  @Default("5m")
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String window = "5m";

  /**
   * How much history is used to fit the model, e.g. 7d. Weekly seasonality needs at least two weeks
   * to be estimated well. Same duration format as window.
   */
  @JsonPropertyDescription(
      "How much history is used to fit the model, e.g. 7d. Weekly seasonality needs at least two "
      + "weeks to be estimated well. Same duration format as window.")
  @Default("7d")
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String history = "7d";

  /**
   * How far ahead to forecast, e.g. 1h; must be at least one window. The forecast has
   * horizon/window entries. Same duration format as window.
   */
  @JsonPropertyDescription(
      "How far ahead to forecast, e.g. 1h; must be at least one window. The forecast has "
      + "horizon/window entries. Same duration format as window.")
  @Default("1h")
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String horizon = "1h";

  /** How often the model is refitted, e.g. 15m. Same duration format as window. */
  @JsonPropertyDescription(
      "How often the model is refitted, e.g. 15m. Same duration format as window.")
  @Default("15m")
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String trainEvery = "15m";

  /**
   * Minimum number of windows of history before a model is fitted; with fewer, no model is fitted
   * and no action is taken (reason InsufficientHistory). At least 2.
   */
  @JsonPropertyDescription(
      "Minimum number of windows of history before a model is fitted; with fewer, no model is "
      + "fitted and no action is taken (reason InsufficientHistory). At least 2.")
  @Default("48")
  @Min(2)
  private Integer minSamples = 48;

  /** Which count model to fit and which seasonal terms it includes. */
  @JsonPropertyDescription("Which count model to fit and which seasonal terms it includes.")
  @Default("{}")
  private ModelSpec model = new ModelSpec();

  /**
   * What counts as a surge. Required when action.type is Annotate or ScaleHPA; without it only the
   * forecast is published.
   */
  @JsonPropertyDescription(
      "What counts as a surge. Required when action.type is Annotate or ScaleHPA; without it "
      + "only the forecast is published.")
  private SurgeSpec surge;

  /** What to do when a surge is forecast. Defaults to type None (forecast only). */
  @JsonPropertyDescription(
      "What to do when a surge is forecast. Defaults to type None (forecast only).")
  @Default("{}")
  private ActionSpec action = new ActionSpec();

  public TargetRef getTargetRef() {
    return targetRef;
  }

  public void setTargetRef(TargetRef targetRef) {
    this.targetRef = targetRef;
  }

  public SignalSpec getSignal() {
    return signal;
  }

  public void setSignal(SignalSpec signal) {
    this.signal = signal;
  }

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }

  public String getHistory() {
    return history;
  }

  public void setHistory(String history) {
    this.history = history;
  }

  public String getHorizon() {
    return horizon;
  }

  public void setHorizon(String horizon) {
    this.horizon = horizon;
  }

  public String getTrainEvery() {
    return trainEvery;
  }

  public void setTrainEvery(String trainEvery) {
    this.trainEvery = trainEvery;
  }

  public Integer getMinSamples() {
    return minSamples;
  }

  public void setMinSamples(Integer minSamples) {
    this.minSamples = minSamples;
  }

  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  public SurgeSpec getSurge() {
    return surge;
  }

  public void setSurge(SurgeSpec surge) {
    this.surge = surge;
  }

  public ActionSpec getAction() {
    return action;
  }

  public void setAction(ActionSpec action) {
    this.action = action;
  }
}
