package io.countcast.operator;

/**
 * The CamelCase reasons this operator writes into conditions and Warning Events. One place, so
 * tests, docs and alert rules can rely on the exact spelling.
 */
public final class Reasons {

  /** Fewer closed windows than spec.minSamples. */
  public static final String INSUFFICIENT_HISTORY = "InsufficientHistory";
  /** spec.targetRef names a workload that does not exist. */
  public static final String TARGET_NOT_FOUND = "TargetNotFound";
  /** The pod selector matches no pod. */
  public static final String NO_PODS_SELECTED = "NoPodsSelected";
  /** The model could not be fitted on the collected history. */
  public static final String FIT_FAILED = "FitFailed";
  /** The spec holds a value the schema cannot reject (e.g. minSamples above history). */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** The signal kind is not collected by this operator version. */
  public static final String SIGNAL_NOT_SUPPORTED = "SignalNotSupported";
  /** The stored history ConfigMap could not be decoded. */
  public static final String HISTORY_UNREADABLE = "HistoryUnreadable";
  /** An unexpected error during reconcile (API server unreachable, ...). */
  public static final String RECONCILE_ERROR = "ReconcileError";

  /** A model is fitted and its forecast published. */
  public static final String FORECAST_PUBLISHED = "ForecastPublished";
  /** A model was fitted on enough history. */
  public static final String MODEL_FITTED = "ModelFitted";
  /** Nothing keeps the resource from working. */
  public static final String HEALTHY = "Healthy";
  /** No model yet, so no surge can be forecast. */
  public static final String NOT_TRAINED = "NotTrained";
  /** spec.surge is absent. */
  public static final String SURGE_NOT_CONFIGURED = "SurgeNotConfigured";
  /** The surge probability reached spec.surge.probability. */
  public static final String SURGE_LIKELY = "SurgeLikely";
  /** The surge probability is below spec.surge.probability. */
  public static final String NO_SURGE_EXPECTED = "NoSurgeExpected";

  private Reasons() {}
}
