package io.countcast.api;

/**
 * The bounds of a {@link CountForecastSpec}, shared by the CRD schema (maximums and CEL rules,
 * checked by the API server at admission) and the operator's plan (checked again in code, since
 * an object stored before a bound existed, or by a newer CRD, reaches the operator unchecked).
 * docs/reference.md ("Limits") explains each one.
 */
public final class SpecLimits {

  /**
   * Most windows a forecast covers (horizon ÷ window, rounded up): a week of 5-minute windows.
   * Bounds status.forecast at about 2,016 × 200 bytes ≈ 400 KB.
   */
  public static final int MAX_HORIZON_WINDOWS = 2_016;

  /**
   * Most windows a history keeps (history ÷ window): what one ConfigMap of 1 MiB holds (see
   * {@code io.countcast.signal.SampleHistory}).
   */
  public static final int MAX_HISTORY_WINDOWS = 16_384;

  /** Default of spec.minSamples: four hours of 5-minute windows. */
  public static final int DEFAULT_MIN_SAMPLES = 48;

  /** Least spec.minSamples: a model needs two windows. */
  public static final int MIN_MIN_SAMPLES = 2;

  /** Largest spec.surge.threshold (a count per window). */
  public static final int MAX_SURGE_THRESHOLD = 1_000_000_000;

  /** Default of spec.surge.probability. */
  public static final double DEFAULT_SURGE_PROBABILITY = 0.8;

  /** Largest spec.action.surgeMinReplicas. */
  public static final int MAX_SURGE_MIN_REPLICAS = 100_000;

  /** Largest spec.action.surgeTargetUtilization (percent of requests). */
  public static final int MAX_TARGET_UTILIZATION = 1_000;

  /** Largest spec.action.headroom.replicas, also of a forecast-sized headroom. */
  public static final int MAX_HEADROOM_REPLICAS = 10_000;

  /** Largest spec.action.headroom.replicasFromForecast.podsPerUnit. */
  public static final int MAX_PODS_PER_UNIT = 1_000;

  /** Longest spec.window, in seconds (one day). */
  public static final long MAX_WINDOW_SECONDS = 86_400L;

  /** Longest spec.trainEvery, spec.action.leadTime and spec.action.cooldown, in seconds (7d). */
  public static final long MAX_SCHEDULE_SECONDS = 7 * 86_400L;

  /** Longest spec.signal.prometheus.timeout, in seconds (5m). */
  public static final long MAX_TIMEOUT_SECONDS = 300L;

  /** Shortest spec.slo.period, in seconds (1h): the burn rate is measured over the last hour. */
  public static final long MIN_SLO_PERIOD_SECONDS = 3_600L;

  /**
   * Longest spec.slo.period, in seconds (90d): bounds the samples one period query makes
   * Prometheus read.
   */
  public static final long MAX_SLO_PERIOD_SECONDS = 90 * 86_400L;

  private SpecLimits() {}
}
