package io.countcast.operator;

import io.countcast.api.BacktestStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.model.CountDistribution;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one training: the fitted model and the forecast of the horizon, already in the
 * shapes the status publishes.
 *
 * @param model the chosen model with its coefficients and why it was chosen
 * @param windows one entry per window of the horizon, oldest first (never empty)
 * @param surgeProbability P(some window of the horizon exceeds the threshold), or null without
 *     spec.surge
 * @param backtest rolling-origin scores, or null when the history is too short for one
 * @param trainingWindows number of windows the model was fitted on
 * @param distributions the predictive distribution of each window, for the prediction
 *     archive; empty from a forecaster that has none (its windows are then not archived)
 */
public record TrainedForecast(ModelStatus model, List<ForecastWindow> windows,
    Double surgeProbability, BacktestStatus backtest, int trainingWindows,
    List<CountDistribution> distributions) {

  public TrainedForecast {
    Objects.requireNonNull(model, "model");
    windows = List.copyOf(windows);
    distributions = List.copyOf(distributions);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a forecast needs at least one window");
    }
    if (!distributions.isEmpty() && distributions.size() != windows.size()) {
      throw new IllegalArgumentException(distributions.size() + " distributions for "
          + windows.size() + " windows");
    }
  }

  /** A forecast without predictive distributions. */
  public TrainedForecast(ModelStatus model, List<ForecastWindow> windows,
      Double surgeProbability, BacktestStatus backtest, int trainingWindows) {
    this(model, windows, surgeProbability, backtest, trainingWindows, List.of());
  }
}
