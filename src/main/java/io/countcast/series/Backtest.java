package io.countcast.series;

import io.countcast.model.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin backtest without look-ahead (see {@link BacktestSpec}).
 *
 * <p>At each fold origin three forecasts are scored on the observed windows of the horizon
 * (missing windows are not scored): the chosen model, a Poisson model with the same features,
 * and seasonal naive with an NB2 spread. Surge probabilities are evaluated not only at the fold
 * origin but every horizon until the next fold, with the fold's fitted model and only the data
 * before each of those origins, as an operator that refits once per step but forecasts every
 * horizon would see them.
 */
public final class Backtest {

  private final CountEngine engine;
  private final SeriesModelFitter fitter;

  public Backtest(CountEngine engine) {
    this.engine = engine;
    this.fitter = new SeriesModelFitter(engine);
  }

  /**
   * The default surge threshold when none is given: the 99th percentile of the counts in the
   * first training span, so it uses no data a forecast could not have seen.
   */
  public static long defaultThreshold(CountSeries series, long trainSeconds) {
    if (series.size() == 0) {
      return 0;
    }
    int end = series.lowerBound(series.start(0) + trainSeconds);
    long[] first = Arrays.copyOf(series.counts(), Math.max(1, end));
    Arrays.sort(first);
    return first[(int) Math.floor(0.99 * (first.length - 1))];
  }

  public BacktestReport run(CountSeries series, BacktestSpec spec) {
    ForecastSpec fs = spec.forecast();
    int horizon = fs.horizon();
    long window = series.windowSeconds();
    long threshold = fs.threshold();
    if (series.size() == 0) {
      throw new IllegalArgumentException("the series has no observations");
    }
    long end = series.start(series.size() - 1) + window;
    ScoreCard model = new ScoreCard(spec.seed());
    ScoreCard poisson = new ScoreCard(spec.seed());
    ScoreCard naive = new ScoreCard(spec.seed());
    Map<String, Integer> choices = new LinkedHashMap<>();
    List<Long> surgeOrigins = new ArrayList<>();
    List<Double> surgeProbabilities = new ArrayList<>();
    int folds = 0;
    for (long origin = series.start(0) + fs.trainSeconds(); origin + horizon * window <= end;
        origin += spec.stepSeconds()) {
      TrainingWindow training = new TrainingWindow(series, origin, fs.trainSeconds());
      if (training.size() == 0) {
        continue;
      }
      folds++;
      FittedSeriesModel fitted = fitter.fit(training, fs);
      ModelChoice choice = fitted.choice();
      choices.merge(choice.label(), 1, Integer::sum);
      FittedSeriesModel poissonModel = fitter.fit(training,
          fs.withFamilies(List.of(Family.POISSON)).withFeatureSets(List.of(choice.features())));
      SeasonalNaive naiveModel = SeasonalNaive.fit(series, training, spec.seasonSeconds());
      double[] scratch = new double[fitted.maxColumns()];
      SlotHistory history = training.history();
      for (int h = 1; h <= horizon; h++) {
        long start = origin + (h - 1) * window;
        int row = series.lowerBound(start);
        if (row == series.size() || series.start(row) != start) {
          continue;
        }
        long y = series.count(row);
        double exposure = series.exposureAt(row);
        model.add(fitted.predict(engine, history, origin, h, exposure, scratch), y, threshold);
        poisson.add(poissonModel.predict(engine, history, origin, h, exposure, scratch), y,
            threshold);
        naive.add(naiveModel.predict(engine, history, origin, h), y, threshold);
      }
      for (long o = origin; o < origin + spec.stepSeconds() && o + horizon * window <= end;
          o += horizon * window) {
        SlotHistory h = o == origin ? history : new SlotHistory(series, o);
        surgeOrigins.add(o);
        surgeProbabilities.add(
            surgeProbability(series, fitted, h, o, horizon, threshold, scratch));
      }
    }
    if (model.count() == 0) {
      throw new IllegalArgumentException("the series is too short for one fold: it needs "
          + fs.trainSeconds() + " s of training and " + horizon + " windows after it");
    }
    SurgeReport surge = SurgeReport.score(
        surgeOrigins.stream().mapToLong(Long::longValue).toArray(),
        surgeProbabilities.stream().mapToDouble(Double::doubleValue).toArray(),
        horizon * window, spec.labels(), spec.surgeLevel(), spec.surgeLookbackSeconds());
    return new BacktestReport(mostCommonFamily(choices), choices, folds, model.count(),
        threshold, model.mae(), naive.mae(), poisson.mae(), model.logScore(), poisson.logScore(),
        naive.logScore(), model.coverage50(), model.coverage90(), model.pit90(), model.brier(),
        surge);
  }

  /**
   * 1 − Π(1 − P(Y_h &gt; K)): windows independent given their means. A window's exposure is
   * the series' own where it was observed (an operator knows how many pods it will watch),
   * else 1.
   */
  private double surgeProbability(CountSeries series, FittedSeriesModel fitted,
      SlotHistory history, long origin, int horizon, long threshold, double[] scratch) {
    double none = 1.0;
    for (int h = 1; h <= horizon; h++) {
      long start = origin + (h - 1) * series.windowSeconds();
      int row = series.lowerBound(start);
      double exposure = row < series.size() && series.start(row) == start
          ? series.exposureAt(row) : 1.0;
      none *= 1.0 - fitted.predict(engine, history, origin, h, exposure, scratch)
          .exceedance(threshold);
    }
    return 1.0 - none;
  }

  private static String mostCommonFamily(Map<String, Integer> choices) {
    Map<String, Integer> byFamily = new LinkedHashMap<>();
    choices.forEach((k, v) -> byFamily.merge(k.substring(0, k.indexOf('/')), v, Integer::sum));
    return byFamily.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse("");
  }
}
