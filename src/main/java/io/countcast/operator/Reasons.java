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
  /** Prometheus could not be reached (refused, reset, 5xx) after the retries. */
  public static final String PROMETHEUS_UNAVAILABLE = "PrometheusUnavailable";
  /** Prometheus did not answer within signal.prometheus.timeout. */
  public static final String PROMETHEUS_TIMEOUT = "PrometheusTimeout";
  /** Prometheus (or a proxy in front of it) answered something that is not its API. */
  public static final String PROMETHEUS_BAD_RESPONSE = "PrometheusBadResponse";
  /** Prometheus answered 401/403: the credentials are missing or wrong. */
  public static final String PROMETHEUS_UNAUTHORIZED = "PrometheusUnauthorized";
  /** The Prometheus connection cannot be set up (bad CA PEM, empty or unreadable token file). */
  public static final String PROMETHEUS_CONFIG_INVALID = "PrometheusConfigInvalid";
  /** A Secret or Secret key named by signal.prometheus does not exist. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  /** A Secret named by signal.prometheus lacks the label countcast.io/prometheus-credentials. */
  public static final String SECRET_NOT_ALLOWED = "SecretNotAllowed";
  /** signal.prometheus.url is not one of the operator's --prometheus-allowed-urls. */
  public static final String PROMETHEUS_URL_NOT_ALLOWED = "PrometheusUrlNotAllowed";
  /**
   * A query cannot be confined to the CountForecast's namespace, cannot be parsed, or exceeds
   * the parser's limits (length, nesting depth, regex size).
   */
  public static final String QUERY_REJECTED = "QueryRejected";
  /** Prometheus refused or failed the query, or it gave a negative count. */
  public static final String QUERY_FAILED = "QueryFailed";
  /** A per-window query returned more than one series. */
  public static final String QUERY_RETURNED_MANY_SERIES = "QueryReturnedManySeries";
  /** Collecting the signal took longer than the operator's per-reconcile limit. */
  public static final String SIGNAL_DEADLINE_EXCEEDED = "SignalDeadlineExceeded";
  /**
   * The stored history ConfigMap was corrupt (garbage, out-of-bounds values, oversized); it was
   * discarded and collection started afresh.
   */
  public static final String HISTORY_CORRUPT = "HistoryCorrupt";
  /**
   * A Countcast annotation on the HPA (original-min-replicas, a floor) is not a whole number
   * within the HPA's limits; it is ignored and the floor restored safely (Warning Event).
   */
  public static final String ANNOTATION_INVALID = "AnnotationInvalid";
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

  /** Normal Event: the HPA floor was raised for a forecast surge. */
  public static final String SURGE_FLOOR_RAISED = "SurgeFloorRaised";
  /** Normal Event: the HPA floor was restored after the cooldown (or the action was released). */
  public static final String SURGE_FLOOR_RESTORED = "SurgeFloorRestored";
  /** Normal Event and action reason: someone else changed a floor Countcast had raised. */
  public static final String EXTERNAL_CHANGE = "ExternalChange";
  /** Normal Event: dryRun is set; the floor would have been raised. */
  public static final String DRY_RUN_SURGE_FLOOR_RAISED = "DryRunSurgeFloorRaised";
  /** Normal Event: dryRun is set; the floor would have been restored. */
  public static final String DRY_RUN_SURGE_FLOOR_RESTORED = "DryRunSurgeFloorRestored";
  /** Warning Event and ActionReady reason: the HPA to act on does not exist. */
  public static final String HPA_NOT_FOUND = "HpaNotFound";
  /** Warning Event and ActionReady reason: the HPA could not be written (invalid, ...). */
  public static final String HPA_WRITE_FAILED = "HpaWriteFailed";
  /** Warning Event and ActionReady reason: the surge action hit another API error. */
  public static final String ACTION_FAILED = "ActionFailed";
  /** Warning Event and ActionReady reason: the operator's RBAC refused a write (HTTP 403). */
  public static final String FORBIDDEN = "Forbidden";
  /**
   * Warning Event and ActionReady reason: the HPA is managed by KEDA (a ScaledObject owns it);
   * ScaleHPA refuses to write it; the KEDA feed is the way (docs/autoscaling.md).
   */
  public static final String KEDA_MANAGED = "KedaManaged";
  /** Warning Event and ActionReady reason: the headroom Deployment or CapacityBuffer is missing. */
  public static final String PLACEHOLDER_NOT_FOUND = "PlaceholderNotFound";
  /** ActionReady True: the action is in effect, or there is none. */
  public static final String ACTION_APPLIED = "ActionApplied";
  /** Warning Event: the surge annotations could not be written on the target or the HPA. */
  public static final String ANNOTATE_FAILED = "AnnotateFailed";

  private Reasons() {}

  /** Calibrated: live intervals hold and the data have not drifted. */
  public static final String CALIBRATED = "Calibrated";
  /** Calibrated False: too few observed counts fall inside the intervals. */
  public static final String INTERVALS_TOO_NARROW = "IntervalsTooNarrow";
  /** Calibrated False: too many observed counts fall inside the intervals. */
  public static final String INTERVALS_TOO_WIDE = "IntervalsTooWide";
  /** Calibrated False: counts or exposure moved away from the training windows. */
  public static final String DATA_DRIFT = "DataDrift";
  /** Calibrated Unknown: too few closed windows with a forecast to judge. */
  public static final String INSUFFICIENT_LIVE_DATA = "InsufficientLiveData";
  /** Normal Event: a retraining before trainEvery because the data drifted. */
  public static final String RETRAINING_ON_DRIFT = "RetrainingOnDrift";
}
