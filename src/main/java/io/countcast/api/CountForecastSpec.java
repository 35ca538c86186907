package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
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
@ValidationRule(value = CountForecastSpec.HORIZON_WINDOWS_RULE,
    message = "horizon ÷ window must be at most " + SpecLimits.MAX_HORIZON_WINDOWS + " windows")
@ValidationRule(value = CountForecastSpec.HISTORY_WINDOWS_RULE,
    message = "history ÷ window must be at most " + SpecLimits.MAX_HISTORY_WINDOWS + " windows")
@ValidationRule(value = CountForecastSpec.SURGE_REQUIRED_FOR_ACTION_RULE,
    message = "surge must be set when action.type is not None")
@ValidationRule(value = CountForecastSpec.SLO_NEEDS_REQUESTS_RULE,
    message = CountForecastSpec.SLO_NEEDS_REQUESTS_MESSAGE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CountForecastSpec {

  /** CEL rule on the spec: the forecast horizon covers at least one window. */
  static final String HORIZON_AT_LEAST_WINDOW_RULE = "!has(self.horizon) || !has(self.window) || "
      + "self.horizon" + PromDuration.CEL_SECONDS + " >= self.window" + PromDuration.CEL_SECONDS;

  /** CEL rule on the spec: horizon ÷ window is at most {@link SpecLimits#MAX_HORIZON_WINDOWS}. */
  static final String HORIZON_WINDOWS_RULE = "!has(self.horizon) || !has(self.window) || "
      + "self.horizon" + PromDuration.CEL_SECONDS + " <= " + SpecLimits.MAX_HORIZON_WINDOWS
      + " * self.window" + PromDuration.CEL_SECONDS;

  /** CEL rule on the spec: history ÷ window is at most {@link SpecLimits#MAX_HISTORY_WINDOWS}. */
  static final String HISTORY_WINDOWS_RULE = "!has(self.history) || !has(self.window) || "
      + "self.history" + PromDuration.CEL_SECONDS + " < " + (SpecLimits.MAX_HISTORY_WINDOWS + 1)
      + " * self.window" + PromDuration.CEL_SECONDS;

  /** CEL rule on the spec: an action needs a surge definition to act on. */
  static final String SURGE_REQUIRED_FOR_ACTION_RULE = "!has(self.action) || !has(self.action.type) "
      + "|| self.action.type == 'None' || has(self.surge)";

  /** CEL rule on the spec: an SLO needs a count of requests, the Prometheus exposureQuery. */
  static final String SLO_NEEDS_REQUESTS_RULE = "!has(self.slo) || "
      + "(has(self.signal.prometheus) && has(self.signal.prometheus.exposureQuery))";

  /** Message of {@link #SLO_NEEDS_REQUESTS_RULE}, also the operator's InvalidSpec message. */
  public static final String SLO_NEEDS_REQUESTS_MESSAGE = "slo needs "
      + "signal.prometheus.exposureQuery counting the requests the errors belong to (the "
      + "podRestarts signal's exposure is pod-seconds, not requests)";

  /** Default of {@link #getWindow()}. */
  public static final String DEFAULT_WINDOW = "5m";
  /** Default of {@link #getHistory()}. */
  public static final String DEFAULT_HISTORY = "7d";
  /** Default of {@link #getHorizon()}. */
  public static final String DEFAULT_HORIZON = "1h";
  /** Default of {@link #getTrainEvery()}. */
  public static final String DEFAULT_TRAIN_EVERY = "15m";

  /**
   * Set instead of the fields when the stored spec could not be read (see
   * {@link LenientSpecDeserializer}): the operator reports it by name instead of failing.
   */
  @JsonIgnore
  private transient String unreadable;

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
   * per window. Prometheus-style duration with units s, m, h, d, w (largest first, e.g. 1h30m); 1s
   * to 1d.
   */
  @JsonPropertyDescription(
      "Length of one count window, e.g. 5m. Each sample is the count within one window; "
      + "forecasts are per window. Prometheus-style duration with units s, m, h, d, w (largest "
      + "first, e.g. 1h30m); 1s to 1d.")
  @Default(DEFAULT_WINDOW)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  @ValidationRule(value = PromDuration.AT_MOST_DAY_RULE, message = PromDuration.AT_MOST_DAY_MESSAGE)
  private String window = DEFAULT_WINDOW;

  /**
   * How much history is used to fit the model, e.g. 7d. Weekly seasonality needs at least two weeks
   * to be estimated well. At most 16384 windows. Same duration format as window.
   */
  @JsonPropertyDescription(
      "How much history is used to fit the model, e.g. 7d. Weekly seasonality needs at least two "
      + "weeks to be estimated well. At most 16384 windows. Same duration format as window.")
  @Default(DEFAULT_HISTORY)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String history = DEFAULT_HISTORY;

  /**
   * How far ahead to forecast, e.g. 1h; must be at least one window. The forecast has
   * horizon/window entries, at most 2016. Same duration format as window.
   */
  @JsonPropertyDescription(
      "How far ahead to forecast, e.g. 1h; must be at least one window. The forecast has "
      + "horizon/window entries, at most 2016. Same duration format as window.")
  @Default(DEFAULT_HORIZON)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  private String horizon = DEFAULT_HORIZON;

  /** How often the model is refitted, e.g. 15m; at most 7d. Same duration format as window. */
  @JsonPropertyDescription(
      "How often the model is refitted, e.g. 15m; at most 7d. Same duration format as window.")
  @Default(DEFAULT_TRAIN_EVERY)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  @ValidationRule(value = PromDuration.AT_MOST_WEEK_RULE, message = PromDuration.AT_MOST_WEEK_MESSAGE)
  private String trainEvery = DEFAULT_TRAIN_EVERY;

  /**
   * Minimum number of windows of history before a model is fitted; with fewer, no model is fitted
   * and no action is taken (reason InsufficientHistory). 2 to 16384, and at most the windows
   * history keeps.
   */
  @JsonPropertyDescription(
      "Minimum number of windows of history before a model is fitted; with fewer, no model is "
      + "fitted and no action is taken (reason InsufficientHistory). 2 to 16384, and at most the "
      + "windows history keeps.")
  @Default("" + SpecLimits.DEFAULT_MIN_SAMPLES)
  @Min(SpecLimits.MIN_MIN_SAMPLES)
  @Max(SpecLimits.MAX_HISTORY_WINDOWS)
  private Integer minSamples = SpecLimits.DEFAULT_MIN_SAMPLES;

  /** Which count model to fit and which seasonal terms it includes. */
  @JsonPropertyDescription("Which count model to fit and which seasonal terms it includes.")
  @Default("{}")
  private ModelSpec model = new ModelSpec();

  /**
   * What counts as a surge. Required when action.type is not None; without it only the
   * forecast is published.
   */
  @JsonPropertyDescription(
      "What counts as a surge. Required when action.type is not None; without it "
      + "only the forecast is published.")
  private SurgeSpec surge;

  /** What to do when a surge is forecast. Defaults to type None (forecast only). */
  @JsonPropertyDescription(
      "What to do when a surge is forecast. Defaults to type None (forecast only).")
  @Default("{}")
  private ActionSpec action = new ActionSpec();

  /**
   * The service level objective these errors belong to: objective (percent of requests that
   * succeed) over a rolling period. Needs signal.prometheus.exposureQuery counting the requests.
   * With it, status.errorBudget shows the budget, its burn rate and the forecast probability
   * that it is spent within the horizon.
   */
  @JsonPropertyDescription(
      "The service level objective these errors belong to: objective (percent of requests that "
      + "succeed) over a rolling period. Needs signal.prometheus.exposureQuery counting the "
      + "requests. With it, status.errorBudget shows the budget, its burn rate and the forecast "
      + "probability that it is spent within the horizon.")
  private SloSpec slo;

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

  public SloSpec getSlo() {
    return slo;
  }

  public void setSlo(SloSpec slo) {
    this.slo = slo;
  }

  /**
   * A spec standing for a stored one that could not be read.
   *
   * @param problem what could not be read, naming the field
   */
  public static CountForecastSpec unreadable(String problem) {
    CountForecastSpec spec = new CountForecastSpec();
    spec.unreadable = problem;
    return spec;
  }

  /** Why the stored spec could not be read, or null when it was read. */
  public String unreadable() {
    return unreadable;
  }
}
