package io.countcast.api;

/** The condition types a {@link CountForecast} reports in {@code status.conditions}. */
public final class ConditionType {

  /** A current forecast is published and, if an action is configured, it is in effect. */
  public static final String READY = "Ready";

  /** A model has been fitted on enough history. */
  public static final String TRAINED = "Trained";

  /** True while the forecast says a surge is likely within the horizon. */
  public static final String SURGE_FORECAST = "SurgeForecast";

  /** Something keeps the resource from working fully, e.g. stale data or too little history. */
  public static final String DEGRADED = "Degraded";

  /**
   * kstatus (Flux, cli-utils): present and True only while the first model is still waiting for
   * history, so GitOps tools read the CountForecast as InProgress. Absent otherwise.
   */
  public static final String RECONCILING = "Reconciling";

  /**
   * kstatus (Flux, cli-utils): present and True only while a problem keeps the forecast from
   * being current (Ready False with the same reason), so GitOps tools read the CountForecast as
   * Failed. Absent otherwise.
   */
  public static final String STALLED = "Stalled";

  /**
   * Whether the forecasts hold on live data: False with IntervalsTooNarrow or IntervalsTooWide
   * when the randomized-PIT share of the last closed windows leaves its band, or DataDrift when
   * the data moved away from the training windows; Unknown until enough windows have closed.
   */
  public static final String CALIBRATED = "Calibrated";

  /**
   * Whether the action (spec.action) is in effect: False with the reason it is not (the HPA or
   * placeholder does not exist, a write was refused, someone else changed it, KEDA owns the
   * HPA), True otherwise, including for action None.
   */
  public static final String ACTION_READY = "ActionReady";

  private ConditionType() {}
}
