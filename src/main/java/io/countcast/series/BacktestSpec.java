package io.countcast.series;

import java.util.List;

/**
 * A rolling-origin backtest: origins every {@code stepSeconds} from {@code firstOrigin} (by
 * default the first moment a full training span exists); at each origin the model is fitted on
 * the span before it and scored on the {@code forecast.horizon()} windows after it. Nothing at or
 * after an origin is read by its fit or its features.
 *
 * @param forecast model choice, horizon, training span and threshold
 * @param stepSeconds distance between fold origins
 * @param seasonSeconds the season of the seasonal-naive baseline and of the MASE scaling
 * @param seed seed of the randomized PIT
 * @param labels labelled surge periods (may be empty)
 * @param surgeLevel surge probability that counts as an alarm
 * @param surgeLookbackSeconds how long before a labelled start an alarm counts as early warning
 * @param firstOrigin the first origin, or {@link #DEFAULT_FIRST_ORIGIN} for one training span
 *     after the first row
 * @param rateUnit the unit false-alarm rates are quoted per: a week, or a period of rows
 */
public record BacktestSpec(ForecastSpec forecast, long stepSeconds, long seasonSeconds, long seed,
                           List<LabelledWindow> labels, double surgeLevel,
                           long surgeLookbackSeconds, long firstOrigin, long rateUnit) {

  /** The default first origin: one training span after the first row. */
  public static final long DEFAULT_FIRST_ORIGIN = Long.MIN_VALUE;

  public BacktestSpec {
    labels = List.copyOf(labels);
    if (stepSeconds <= 0 || seasonSeconds <= 0 || rateUnit <= 0) {
      throw new IllegalArgumentException("step, season and rate unit must be positive");
    }
    if (!(surgeLevel > 0 && surgeLevel < 1)) {
      throw new IllegalArgumentException("surge level must be in (0, 1), got " + surgeLevel);
    }
  }

  /** A backtest of a clocked series from the default first origin, rates per week. */
  public BacktestSpec(ForecastSpec forecast, long stepSeconds, long seasonSeconds, long seed,
                      List<LabelledWindow> labels, double surgeLevel, long surgeLookbackSeconds) {
    this(forecast, stepSeconds, seasonSeconds, seed, labels, surgeLevel, surgeLookbackSeconds,
        DEFAULT_FIRST_ORIGIN, Seasonality.WEEK);
  }
}
