package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed, fitted and did for a {@link CountForecast}. Written only through
 * the status subresource. Condition types are listed in {@link ConditionType}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CountForecastStatus {

  /** metadata.generation of the spec this status was computed from. */
  @JsonPropertyDescription("metadata.generation of the spec this status was computed from.")
  private Long observedGeneration;

  /**
   * Current state as conditions of type Ready, Trained, SurgeForecast and Degraded, each with
   * status True, False or Unknown, a CamelCase reason and a message.
   */
  @JsonPropertyDescription(
      "Current state as conditions of type Ready, Trained, SurgeForecast and Degraded, each with "
      + "status True, False or Unknown, a CamelCase reason and a message.")
  private List<Condition> conditions = new ArrayList<>();

  /** Which signal is forecast: podRestarts or prometheus. Shown as the Signal column. */
  @JsonPropertyDescription(
      "Which signal is forecast: podRestarts or prometheus. Shown as the Signal column.")
  private String signalKind;

  /** Closed windows in the stored history: what the next fit can use (see spec.minSamples). */
  @JsonPropertyDescription("Closed windows in the stored history: what the next fit can use "
      + "(see spec.minSamples).")
  private Integer samples;

  /** When the current model was fitted (RFC 3339). */
  @JsonPropertyDescription("When the current model was fitted (RFC 3339).")
  private String lastTrainedTime;

  /** The fitted model: family, dispersion, fit statistics and coefficients. */
  @JsonPropertyDescription("The fitted model: family, dispersion, fit statistics and coefficients.")
  private ModelStatus model;

  /**
   * Forecast for each window within the horizon, earliest first; at most 2016 windows (see
   * spec.horizon).
   */
  @JsonPropertyDescription("Forecast for each window within the horizon, earliest first; at most "
      + "2016 windows (see spec.horizon).")
  @Size(max = SpecLimits.MAX_HORIZON_WINDOWS)
  private List<ForecastWindow> forecast = new ArrayList<>();

  /** Expected count in the next window (forecast[0].expected). Shown as the Expected column. */
  @JsonPropertyDescription(
      "Expected count in the next window (forecast[0].expected). Shown as the Expected column.")
  private Double expectedNext;

  /** Lower end of the 90% prediction interval for the next window (forecast[0].lower). */
  @JsonPropertyDescription(
      "Lower end of the 90% prediction interval for the next window (forecast[0].lower).")
  private Integer lowerNext;

  /**
   * Upper end of the 90% prediction interval for the next window (forecast[0].upper). Shown as the
   * Upper column.
   */
  @JsonPropertyDescription(
      "Upper end of the 90% prediction interval for the next window (forecast[0].upper). Shown "
      + "as the Upper column.")
  private Integer upperNext;

  /**
   * Count observed in the latest closed window of the stored history, the actual to compare with
   * the forecast. Absent while no window has closed.
   */
  @JsonPropertyDescription(
      "Count observed in the latest closed window of the stored history, the actual to compare "
      + "with the forecast. Absent while no window has closed.")
  private Long lastCount;

  /** End of the window lastCount was observed in (RFC 3339, exclusive). */
  @JsonPropertyDescription("End of the window lastCount was observed in (RFC 3339, exclusive).")
  private String lastWindowEnd;

  /**
   * Probability that at least one window within the horizon exceeds spec.surge.threshold. Absent
   * without spec.surge.
   */
  @JsonPropertyDescription(
      "Probability that at least one window within the horizon exceeds spec.surge.threshold. "
      + "Absent without spec.surge.")
  private Double surgeProbability;

  /**
   * Rolling-origin backtest of the model on recent history, compared with a seasonal-naive
   * baseline.
   */
  @JsonPropertyDescription(
      "Rolling-origin backtest of the model on recent history, compared with a seasonal-naive "
      + "baseline.")
  private BacktestStatus backtest;

  /** State of the surge action on the HPA. */
  @JsonPropertyDescription("State of the surge action on the HPA.")
  private ActionStatus action;

  /**
   * When the forecast was last computed from fresh data (RFC 3339). Its age shows how current the
   * forecast is.
   */
  @JsonPropertyDescription(
      "When the forecast was last computed from fresh data (RFC 3339). Its age shows how current "
      + "the forecast is.")
  private String lastForecastTime;

  /**
   * True when the signal could not be read recently enough; a stale forecast is never acted on and
   * the Degraded condition says why.
   */
  @JsonPropertyDescription(
      "True when the signal could not be read recently enough; a stale forecast is never acted "
      + "on and the Degraded condition says why.")
  private Boolean stale;

  /**
   * The error budget of spec.slo: objective, period, allowed and consumed errors, remaining
   * share, burn rate and the forecast of its exhaustion. Absent without spec.slo.
   */
  @JsonPropertyDescription(
      "The error budget of spec.slo: objective, period, allowed and consumed errors, remaining "
      + "share, burn rate and the forecast of its exhaustion. Absent without spec.slo.")
  private ErrorBudgetStatus errorBudget;

  /**
   * The last closed window beside the forecast made for it, with how unusual its count was.
   * Absent until a window forecast by a model has closed.
   */
  @JsonPropertyDescription(
      "The last closed window beside the forecast made for it, with how unusual its count was. "
      + "Absent until a window forecast by a model has closed.")
  private LastWindowStatus lastWindow;

  /**
   * How the forecasts have done on the last closed windows. Absent until a window forecast by a
   * model has closed.
   */
  @JsonPropertyDescription(
      "How the forecasts have done on the last closed windows. Absent until a window forecast by "
      + "a model has closed.")
  private LiveStatus live;

  /**
   * Whether the newest windows' counts and exposure moved away from the training windows.
   * Absent until there are enough of both to compare.
   */
  @JsonPropertyDescription(
      "Whether the newest windows' counts and exposure moved away from the training windows. "
      + "Absent until there are enough of both to compare.")
  private DriftStatus drift;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getSignalKind() {
    return signalKind;
  }

  public void setSignalKind(String signalKind) {
    this.signalKind = signalKind;
  }

  public Integer getSamples() {
    return samples;
  }

  public void setSamples(Integer samples) {
    this.samples = samples;
  }

  public String getLastTrainedTime() {
    return lastTrainedTime;
  }

  public void setLastTrainedTime(String lastTrainedTime) {
    this.lastTrainedTime = lastTrainedTime;
  }

  public ModelStatus getModel() {
    return model;
  }

  public void setModel(ModelStatus model) {
    this.model = model;
  }

  public List<ForecastWindow> getForecast() {
    return forecast;
  }

  public void setForecast(List<ForecastWindow> forecast) {
    this.forecast = forecast;
  }

  public Double getExpectedNext() {
    return expectedNext;
  }

  public void setExpectedNext(Double expectedNext) {
    this.expectedNext = expectedNext;
  }

  public Integer getLowerNext() {
    return lowerNext;
  }

  public void setLowerNext(Integer lowerNext) {
    this.lowerNext = lowerNext;
  }

  public Integer getUpperNext() {
    return upperNext;
  }

  public void setUpperNext(Integer upperNext) {
    this.upperNext = upperNext;
  }

  public Long getLastCount() {
    return lastCount;
  }

  public void setLastCount(Long lastCount) {
    this.lastCount = lastCount;
  }

  public String getLastWindowEnd() {
    return lastWindowEnd;
  }

  public void setLastWindowEnd(String lastWindowEnd) {
    this.lastWindowEnd = lastWindowEnd;
  }

  public Double getSurgeProbability() {
    return surgeProbability;
  }

  public void setSurgeProbability(Double surgeProbability) {
    this.surgeProbability = surgeProbability;
  }

  public BacktestStatus getBacktest() {
    return backtest;
  }

  public void setBacktest(BacktestStatus backtest) {
    this.backtest = backtest;
  }

  public ActionStatus getAction() {
    return action;
  }

  public void setAction(ActionStatus action) {
    this.action = action;
  }

  public String getLastForecastTime() {
    return lastForecastTime;
  }

  public void setLastForecastTime(String lastForecastTime) {
    this.lastForecastTime = lastForecastTime;
  }

  public Boolean getStale() {
    return stale;
  }

  public void setStale(Boolean stale) {
    this.stale = stale;
  }

  public ErrorBudgetStatus getErrorBudget() {
    return errorBudget;
  }

  public void setErrorBudget(ErrorBudgetStatus errorBudget) {
    this.errorBudget = errorBudget;
  }

  public LastWindowStatus getLastWindow() {
    return lastWindow;
  }

  public void setLastWindow(LastWindowStatus lastWindow) {
    this.lastWindow = lastWindow;
  }

  public LiveStatus getLive() {
    return live;
  }

  public void setLive(LiveStatus live) {
    this.live = live;
  }

  public DriftStatus getDrift() {
    return drift;
  }

  public void setDrift(DriftStatus drift) {
    this.drift = drift;
  }
}
