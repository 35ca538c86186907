package io.countcast.series;

import io.countcast.model.Family;
import io.countcast.model.PredictiveMode;
import java.util.List;

/**
 * How to fit and forecast a series.
 *
 * @param horizon number of future windows to forecast
 * @param trainSeconds length of the training span that ends at the forecast origin (in rows for a
 *     series without clock)
 * @param featureSets candidate feature sets; {@code auto} selection picks one by the criterion
 * @param families candidate families; one entry fixes the family, several are chosen among
 * @param criterion AIC or BIC
 * @param threshold the surge threshold K: forecasts report P(count &gt; K)
 * @param minRowsPerParameter guard rail: a candidate needs at least this many training rows per
 *     estimated parameter, or it is not considered
 * @param futureExposure exposure of each future window (length {@code horizon}), or null for 1
 * @param meanDependentTheta whether an NB2 model may let θ depend on the mean
 *     ({@link MeanDependentTheta}), kept only where it lowers the AIC
 * @param predictive whether forecasts carry the parameters' estimation error (the approximate
 *     posterior predictive, the default) or treat them as known ({@code plug-in})
 */
public record ForecastSpec(int horizon, long trainSeconds, List<FeatureSpec> featureSets,
                           List<Family> families, Criterion criterion, long threshold,
                           int minRowsPerParameter, double[] futureExposure,
                           boolean meanDependentTheta, PredictiveMode predictive) {

  /** All four families, simplest first: the order ties and fallbacks follow. */
  public static final List<Family> AUTO =
      List.of(Family.POISSON, Family.NB2, Family.NB1, Family.ZINB2);

  /** Recent levels for a series without clock (rows): the last 2 and the last 4 rows. */
  public static final List<Integer> ROW_LEVELS = List.of(2, 4);

  /**
   * Recent levels over about one hour and four hours (12 and 48 windows of 5 minutes), never
   * fewer than 2 and 4 windows: a one-window level would repeat the lag.
   */
  public static List<Integer> defaultLevels(long windowSeconds) {
    int hour = (int) Math.max(2, Math.round(3600.0 / windowSeconds));
    int fourHours = (int) Math.max(4, Math.round(14_400.0 / windowSeconds));
    return hour == fourHours ? List.of(hour) : List.of(hour, fourHours);
  }

  public ForecastSpec {
    featureSets = List.copyOf(featureSets);
    families = List.copyOf(families);
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1 window, got " + horizon);
    }
    if (trainSeconds <= 0) {
      throw new IllegalArgumentException("training span must be positive, got " + trainSeconds);
    }
    if (featureSets.isEmpty() || families.isEmpty()) {
      throw new IllegalArgumentException("at least one feature set and one family are needed");
    }
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
    }
    if (minRowsPerParameter < 1) {
      throw new IllegalArgumentException(
          "minRowsPerParameter must be at least 1, got " + minRowsPerParameter);
    }
    if (futureExposure != null && futureExposure.length != horizon) {
      throw new IllegalArgumentException("futureExposure has " + futureExposure.length
          + " values, expected one per forecast window (" + horizon + ")");
    }
    futureExposure = futureExposure == null ? null : futureExposure.clone();
    if (predictive == null) {
      throw new IllegalArgumentException("a predictive mode is needed");
    }
  }

  /** A spec with the default approximate posterior predictive distribution. */
  public ForecastSpec(int horizon, long trainSeconds, List<FeatureSpec> featureSets,
      List<Family> families, Criterion criterion, long threshold, int minRowsPerParameter,
      double[] futureExposure, boolean meanDependentTheta) {
    this(horizon, trainSeconds, featureSets, families, criterion, threshold, minRowsPerParameter,
        futureExposure, meanDependentTheta, PredictiveMode.APPROXIMATE_POSTERIOR);
  }

  /**
   * Defaults for a clocked series: the seasonal and the seasonal+autoregressive feature sets,
   * all families chosen by AIC, 10 rows per parameter.
   */
  public static ForecastSpec defaults(List<Seasonality> seasons, List<Integer> levels,
      int horizon, long trainSeconds, long threshold) {
    return new ForecastSpec(horizon, trainSeconds, defaultFeatureSets(seasons, levels), AUTO,
        Criterion.AIC, threshold, 10, null, true);
  }

  /** The candidate feature sets {@code auto} chooses among. */
  public static List<FeatureSpec> defaultFeatureSets(List<Seasonality> seasons,
      List<Integer> levels) {
    return List.of(FeatureSpec.seasonal(seasons), FeatureSpec.seasonalAr(seasons, levels));
  }

  public ForecastSpec withFamilies(List<Family> f) {
    return new ForecastSpec(horizon, trainSeconds, featureSets, f, criterion, threshold,
        minRowsPerParameter, futureExposure, meanDependentTheta, predictive);
  }

  public ForecastSpec withFeatureSets(List<FeatureSpec> f) {
    return new ForecastSpec(horizon, trainSeconds, f, families, criterion, threshold,
        minRowsPerParameter, futureExposure, meanDependentTheta, predictive);
  }

  public ForecastSpec withThreshold(long k) {
    return new ForecastSpec(horizon, trainSeconds, featureSets, families, criterion, k,
        minRowsPerParameter, futureExposure, meanDependentTheta, predictive);
  }

  public ForecastSpec withMeanDependentTheta(boolean on) {
    return new ForecastSpec(horizon, trainSeconds, featureSets, families, criterion, threshold,
        minRowsPerParameter, futureExposure, on, predictive);
  }

  public ForecastSpec withCriterion(Criterion c) {
    return new ForecastSpec(horizon, trainSeconds, featureSets, families, c, threshold,
        minRowsPerParameter, futureExposure, meanDependentTheta, predictive);
  }

  public ForecastSpec withPredictive(PredictiveMode mode) {
    return new ForecastSpec(horizon, trainSeconds, featureSets, families, criterion, threshold,
        minRowsPerParameter, futureExposure, meanDependentTheta, mode);
  }

  /** Exposure of forecast step h (1-based). */
  double exposureAt(int step) {
    return futureExposure == null ? 1.0 : futureExposure[step - 1];
  }

  @Override
  public double[] futureExposure() {
    return futureExposure == null ? null : futureExposure.clone();
  }
}
