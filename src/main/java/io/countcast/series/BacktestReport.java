package io.countcast.series;

import java.util.Map;

/**
 * Results of a rolling-origin backtest, shaped for the CLI's JSON and the operator's
 * {@code status.backtest}. Scores are means over every observed window of every fold's horizon.
 *
 * @param family the family chosen most often across folds
 * @param choices how many folds chose each family/feature set
 * @param folds number of fold origins
 * @param windows number of scored windows
 * @param threshold surge threshold K of the Brier score and surge probabilities
 * @param mae MAE of the model's predictive median
 * @param naiveMae MAE of the seasonal-naive baseline's predictive median
 * @param poissonMae MAE of a Poisson model with the chosen features
 * @param logScore mean log predictive probability of the observed counts (higher is better)
 * @param poissonLogScore the same for the Poisson model
 * @param naiveLogScore the same for seasonal naive with an NB2 spread
 * @param coverage50 share of counts inside the central 50% predictive interval
 * @param coverage90 share inside the central 90% interval
 * @param pit90 share of randomized PIT values in [0.05, 0.95]
 * @param brier Brier score of P(count &gt; threshold)
 * @param surge surge-probability scores against the labelled periods
 */
public record BacktestReport(String family, Map<String, Integer> choices, int folds, int windows,
                             long threshold, double mae, double naiveMae, double poissonMae,
                             double logScore, double poissonLogScore, double naiveLogScore,
                             double coverage50, double coverage90, double pit90, double brier,
                             SurgeReport surge) {

  public BacktestReport {
    choices = Map.copyOf(choices);
  }
}
