package io.countcast.operator;

import io.countcast.api.BacktestStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.model.CountDistribution;
import io.countcast.series.PredictiveHorizon;
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
 * @param predictive the predictive distribution of each window with the exposure it was
 *     forecast at (the error budget's exhaustion is simulated from it, the prediction archive
 *     keeps it), or null when the forecaster gives none
 */
public record TrainedForecast(ModelStatus model, List<ForecastWindow> windows,
    Double surgeProbability, BacktestStatus backtest, int trainingWindows,
    PredictiveHorizon predictive) {

  /** A forecast without predictive distributions (no exhaustion can be simulated from it). */
  public TrainedForecast(ModelStatus model, List<ForecastWindow> windows,
      Double surgeProbability, BacktestStatus backtest, int trainingWindows) {
    this(model, windows, surgeProbability, backtest, trainingWindows, null);
  }

  public TrainedForecast {
    Objects.requireNonNull(model, "model");
    windows = List.copyOf(windows);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a forecast needs at least one window");
    }
    if (predictive != null && predictive.size() != windows.size()) {
      throw new IllegalArgumentException(predictive.size() + " distributions for "
          + windows.size() + " windows");
    }
  }

  /**
   * The predictive distribution of each window, for the prediction archive; empty from a
   * forecaster that has none (its windows are then not archived).
   */
  public List<CountDistribution> distributions() {
    return predictive == null ? List.of() : predictive.counts();
  }
}
