package io.countcast.series;

import java.util.List;
import java.util.Map;

/**
 * Results of a rolling-origin backtest, shaped for the CLI and the operator's
 * {@code status.backtest}. Scores are means over every observed window of every scored fold's
 * horizon.
 *
 * @param family the family chosen most often across folds
 * @param choices how many folds chose each family/feature set
 * @param folds number of fold origins scored
 * @param windows number of scored windows
 * @param threshold surge threshold K of the Brier score and surge probabilities
 * @param model the model's scores
 * @param poisson a Poisson model with the chosen features
 * @param naive seasonal naive with an NB2 spread
 * @param lastValue the last observed count with an NB2 spread
 * @param skipped origins that could not be scored, and why
 * @param surge surge-probability scores against the labelled periods
 * @param perWindow every window of every origin, in origin then step order (skipped origins'
 *     windows included, with their reason)
 */
public record BacktestReport(String family, Map<String, Integer> choices, int folds, int windows,
                             long threshold, ForecastScores model, ForecastScores poisson,
                             ForecastScores naive, ForecastScores lastValue,
                             List<SkippedOrigin> skipped, SurgeReport surge,
                             List<BacktestWindow> perWindow) {

  public BacktestReport {
    choices = Map.copyOf(choices);
    skipped = List.copyOf(skipped);
    perWindow = List.copyOf(perWindow);
  }

  public double mae() {
    return model.mae();
  }

  public double naiveMae() {
    return naive.mae();
  }

  public double poissonMae() {
    return poisson.mae();
  }

  public double logScore() {
    return model.logScore();
  }

  public double poissonLogScore() {
    return poisson.logScore();
  }

  public double naiveLogScore() {
    return naive.logScore();
  }

  public double coverage50() {
    return model.coverage50();
  }

  public double coverage90() {
    return model.coverage90();
  }

  public double pit90() {
    return model.pit90();
  }

  public double brier() {
    return model.brier();
  }
}
