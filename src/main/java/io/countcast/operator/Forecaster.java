package io.countcast.operator;

import io.countcast.signal.SeriesArrays;

/**
 * The decide step's model: fits the collected history and forecasts the horizon. A port, so the
 * reconciler does not depend on how the series layer chooses features and families.
 */
public interface Forecaster {

  /**
   * Fits a model on {@code history} (closed windows, oldest first) and forecasts the
   * {@code plan.windows().horizonWindows()} windows after the last one.
   *
   * @throws RuntimeException with a plain-language message when no model can be fitted; the
   *     reconciler reports it as FitFailed
   */
  TrainedForecast train(SeriesArrays history, ForecastPlan plan);
}
