package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rolling-origin backtest without look-ahead (see {@link BacktestSpec}).
 *
 * <p>At each fold origin four forecasts are scored on the observed windows of the horizon
 * (missing windows are not scored): the chosen model, a Poisson model with the same features,
 * seasonal naive and last value (both with an NB2 spread). Surge probabilities are evaluated not
 * only at the fold origin but every horizon until the next fold, with the fold's fitted model and
 * only the data before each of those origins, as an operator that refits once per step but
 * forecasts every horizon would see them.
 *
 * <p>An origin whose fit or forecast fails is skipped and reported ({@link SkippedOrigin}); the
 * others are still scored.
 *
 * <p>Speed: origins run in parallel in runs of consecutive origins. The first origin of a run
 * makes the model choice (features and family, {@link SeriesModelFitter}); the others keep it and
 * refit only its coefficients ({@link SeriesModelFitter#refit}), choosing afresh only when the
 * kept choice does not carry over. Within a run each fit starts from the previous origin's
 * estimates ({@link WarmStarts}). Runs depend only on the origins, so the results do not depend
 * on the number of threads.
 */
public final class Backtest {

  /**
   * Consecutive origins one task handles, each warm-started from the one before, and the
   * default interval of model choices.
   */
  public static final int RUN = 4;

  /**
   * Convergence tolerance of a backtest's Poisson and NB2 fits, R's 1e-8 being the operator's.
   * glm.nb's alternation converges linearly, so the last two digits cost a third of its steps;
   * on NAB AAPL and the weekly example the scores agree with 1e-8's to 6 digits (log score
   * −5.1536368 vs −5.1536372, −3.1792914 vs −3.1792916; pit90 and coverage equal).
   */
  static final double TOLERANCE = 1e-6;

  private final CountEngine engine;
  private final SeriesModelFitter fitter;
  private final int threads;
  private final int chooseEvery;

  /** A backtest on the calling thread (the operator's: it never starts threads of its own). */
  public Backtest(CountEngine engine) {
    this(engine, 1);
  }

  /** A backtest that runs origins on up to {@code threads} threads. */
  public Backtest(CountEngine engine, int threads) {
    this(engine, threads, RUN);
  }

  /**
   * A backtest that runs origins on up to {@code threads} threads and makes the model choice at
   * every {@code chooseEvery}-th origin (1: at every origin), keeping it in between.
   */
  public Backtest(CountEngine engine, int threads, int chooseEvery) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (chooseEvery < 1) {
      throw new IllegalArgumentException("chooseEvery must be at least 1, got " + chooseEvery);
    }
    this.engine = engine;
    this.fitter = new SeriesModelFitter(engine, TOLERANCE);
    this.threads = threads;
    this.chooseEvery = chooseEvery;
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

  /** The fold origins: every step from the first origin while a whole horizon fits. */
  public static long[] origins(CountSeries series, BacktestSpec spec) {
    if (series.size() == 0) {
      return new long[0];
    }
    long window = series.windowSeconds();
    long end = series.start(series.size() - 1) + window;
    long first = spec.firstOrigin() == BacktestSpec.DEFAULT_FIRST_ORIGIN
        ? series.start(0) + spec.forecast().trainSeconds() : spec.firstOrigin();
    List<Long> out = new ArrayList<>();
    for (long o = first; o + spec.forecast().horizon() * window <= end; o += spec.stepSeconds()) {
      out.add(o);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  public BacktestReport run(CountSeries series, BacktestSpec spec) {
    return run(series, spec, () -> { });
  }

  /**
   * Runs the backtest.
   *
   * @param progress called once per finished origin, from any of the backtest's threads
   */
  public BacktestReport run(CountSeries series, BacktestSpec spec, Runnable progress) {
    if (series.size() == 0) {
      throw new IllegalArgumentException("the series has no observations");
    }
    ForecastSpec fs = spec.forecast();
    long[] origins = origins(series, spec);
    if (origins.length == 0) {
      throw new IllegalArgumentException("the series is too short for one fold: it needs "
          + fs.trainSeconds() + " s of training and " + fs.horizon() + " windows after it");
    }
    if (origins[0] <= series.start(0)) {
      throw new IllegalArgumentException("the first origin " + origins[0]
          + " leaves no training data before it");
    }
    SlotHistory full = new SlotHistory(series, series.start(series.size() - 1)
        + series.windowSeconds());
    OriginResult[] results = new OriginResult[origins.length];
    List<Runnable> runs = new ArrayList<>();
    // a run is one choice and the origins that keep it (or RUN origins when each chooses)
    int length = chooseEvery == 1 ? RUN : chooseEvery;
    for (int from = 0; from < origins.length; from += length) {
      int first = from;
      int last = Math.min(origins.length, from + length);
      runs.add(() -> {
        Run run = new Run();
        for (int i = first; i < last; i++) {
          results[i] = evaluate(series, spec, full, origins[i], run);
          progress.run();
        }
      });
    }
    execute(runs);
    return aggregate(series, spec, results);
  }

  private void execute(List<Runnable> runs) {
    int n = Math.min(threads, runs.size());
    if (n <= 1) {
      runs.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "countcast-backtest");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable r : runs) {
        futures.add(pool.submit(r));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("backtest interrupted", e);
    } catch (ExecutionException e) {
      // evaluate() turns every failure of an origin into a skip; what is left is an Error
      Throwable cause = e.getCause();
      if (cause instanceof Error err) {
        throw err;
      }
      throw (RuntimeException) cause;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * What the origins of one run hand on: the fits' estimates, and the model choice the others
   * keep (null until an origin has chosen, and when each origin chooses).
   */
  private static final class Run {
    final WarmStarts warm = new WarmStarts();
    ModelChoice choice;
    long chosenAt;
  }

  /** What one origin contributed. */
  private record OriginResult(long origin, String choice, List<BacktestWindow> windows,
                              List<WindowScore[]> scores, double maseScale, long[] surgeOrigins,
                              double[] surgeProbabilities, int[] surgeOutcomes,
                              SkippedOrigin skipped) { }

  /** Fits, forecasts and scores one origin; any failure makes it a skipped origin. */
  private OriginResult evaluate(CountSeries series, BacktestSpec spec, SlotHistory full,
      long origin, Run run) {
    try {
      return score(series, spec, full, origin, run);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replace('\n', ' ');
      List<BacktestWindow> rows = new ArrayList<>();
      forEachObserved(series, origin, spec.forecast().horizon(), (h, row) -> rows.add(
          BacktestWindow.skipped(origin, h, series.start(row), series.count(row), reason)));
      return new OriginResult(origin, null, rows, List.of(), 0, new long[0], new double[0],
          new int[0], new SkippedOrigin(origin, reason));
    }
  }

  private OriginResult score(CountSeries series, BacktestSpec spec, SlotHistory full,
      long origin, Run run) {
    ForecastSpec fs = spec.forecast();
    int horizon = fs.horizon();
    long window = series.windowSeconds();
    long threshold = fs.threshold();
    SlotHistory history = full.upTo(origin);
    TrainingWindow training = new TrainingWindow(series, history, origin, fs.trainSeconds());
    if (training.size() == 0) {
      throw new IllegalArgumentException("no observed window in the training span");
    }
    WarmStarts warm = run.warm;
    FittedSeriesModel kept = run.choice == null ? null
        : fitter.refit(training, fs, run.choice, run.chosenAt, warm);
    FittedSeriesModel fitted = kept != null ? kept : fitter.fit(training, fs, warm);
    if (kept == null && chooseEvery > 1) {
      run.choice = fitted.choice();
      run.chosenAt = origin;
    }
    ModelChoice choice = fitted.choice();
    FittedSeriesModel poissonModel = fitter.fit(training,
        fs.withFamilies(List.of(Family.POISSON)).withFeatureSets(List.of(choice.features())),
        warm);
    SeasonalNaive naiveModel = SeasonalNaive.fit(series, training, spec.seasonSeconds());
    SeasonalNaive lastModel = SeasonalNaive.fit(series, training, window);
    double[] scratch = new double[fitted.maxColumns()];
    List<Long> surgeOrigins = new ArrayList<>();
    List<Double> surgeProbabilities = new ArrayList<>();
    List<Integer> outcomes = new ArrayList<>();
    long end = series.start(series.size() - 1) + window;
    for (long o = origin; o < origin + spec.stepSeconds() && o + horizon * window <= end;
        o += horizon * window) {
      SlotHistory h = o == origin ? history : full.upTo(o);
      surgeOrigins.add(o);
      surgeProbabilities.add(surgeProbability(series, fitted, h, o, horizon, threshold, scratch));
      outcomes.add(outcome(series, o, horizon, threshold));
    }
    double surge = surgeProbabilities.get(0);
    boolean alarm = surge >= spec.surgeLevel();
    List<BacktestWindow> rows = new ArrayList<>();
    List<WindowScore[]> scores = new ArrayList<>();
    forEachObserved(series, origin, horizon, (h, row) -> {
      long y = series.count(row);
      double exposure = series.exposureAt(row);
      double v = uniform(spec.seed(), origin, h);
      CountDistribution forecast = fitted.predict(engine, history, origin, h, exposure, scratch);
      WindowScore model = WindowScore.of(forecast, y, threshold, v);
      WindowScore poisson = WindowScore.of(
          poissonModel.predict(engine, history, origin, h, exposure, scratch), y, threshold, v);
      WindowScore naive = WindowScore.of(naiveModel.predict(engine, history, origin, h), y,
          threshold, v);
      WindowScore last = WindowScore.of(lastModel.predict(engine, history, origin, h), y,
          threshold, v);
      scores.add(new WindowScore[] {model, poisson, naive, last});
      rows.add(new BacktestWindow(origin, h, series.start(row), y, model, surge, alarm,
          AnomalyScore.of(forecast, y), poisson.mean(), naive.mean(), last.mean(), ""));
    });
    return new OriginResult(origin, choice.label(), rows,
        scores, maseScale(series, training, spec.seasonSeconds()),
        surgeOrigins.stream().mapToLong(Long::longValue).toArray(),
        surgeProbabilities.stream().mapToDouble(Double::doubleValue).toArray(),
        outcomes.stream().mapToInt(Integer::intValue).toArray(), null);
  }

  private BacktestReport aggregate(CountSeries series, BacktestSpec spec,
      OriginResult[] results) {
    ScoreCard[] cards = {new ScoreCard(), new ScoreCard(), new ScoreCard(), new ScoreCard()};
    Map<String, Integer> choices = new LinkedHashMap<>();
    List<SkippedOrigin> skipped = new ArrayList<>();
    List<BacktestWindow> windows = new ArrayList<>();
    List<long[]> surgeOrigins = new ArrayList<>();
    List<double[]> surgeProbabilities = new ArrayList<>();
    List<int[]> outcomes = new ArrayList<>();
    int folds = 0;
    for (OriginResult r : results) {
      windows.addAll(r.windows());
      if (r.skipped() != null) {
        skipped.add(r.skipped());
        continue;
      }
      folds++;
      choices.merge(r.choice(), 1, Integer::sum);
      for (WindowScore[] s : r.scores()) {
        for (int m = 0; m < cards.length; m++) {
          cards[m].add(s[m], r.maseScale());
        }
      }
      surgeOrigins.add(r.surgeOrigins());
      surgeProbabilities.add(r.surgeProbabilities());
      outcomes.add(r.surgeOutcomes());
    }
    if (cards[0].count() == 0) {
      throw new IllegalArgumentException("no origin could be scored ("
          + skipped.size() + " skipped" + (skipped.isEmpty() ? "" : "; the first: "
          + skipped.get(0).reason()) + ")");
    }
    long spacing = spec.forecast().horizon() * series.windowSeconds();
    SurgeReport surge = SurgeReport.score(
        surgeOrigins.stream().flatMapToLong(Arrays::stream).toArray(),
        surgeProbabilities.stream().flatMapToDouble(Arrays::stream).toArray(),
        outcomes.stream().flatMapToInt(Arrays::stream).toArray(),
        spacing, spec.labels(), spec.surgeLevel(), spec.surgeLookbackSeconds(), spec.rateUnit());
    return new BacktestReport(mostCommonFamily(choices), choices, folds, cards[0].count(),
        spec.forecast().threshold(), cards[0].scores(), cards[1].scores(), cards[2].scores(),
        cards[3].scores(), skipped, surge, windows);
  }

  private interface StepRow {
    void accept(int step, int row);
  }

  /** Calls back for every observed window of the horizon: its step and its series row. */
  private static void forEachObserved(CountSeries series, long origin, int horizon,
      StepRow action) {
    for (int h = 1; h <= horizon; h++) {
      long start = origin + (h - 1) * series.windowSeconds();
      int row = series.lowerBound(start);
      if (row < series.size() && series.start(row) == start) {
        action.accept(h, row);
      }
    }
  }

  /** The PIT's uniform draw for one window of one origin: the same on every thread. */
  private static double uniform(long seed, long origin, int step) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + origin * 31 + step).nextDouble();
  }

  /**
   * The MASE scale of a fold: the mean |y_t − y_{t−m}| over training windows whose window one
   * season earlier was observed too (m = the seasonal-naive season).
   */
  private static double maseScale(CountSeries series, TrainingWindow training,
      long seasonSeconds) {
    long[] starts = training.starts();
    long season = Math.max(series.windowSeconds(), seasonSeconds);
    double sum = 0;
    int n = 0;
    for (long t : starts) {
      int row = series.lowerBound(t - season);
      if (row < series.size() && series.start(row) == t - season) {
        sum += Math.abs(series.count(series.lowerBound(t)) - series.count(row));
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** 1 if an observed window of the horizon exceeds K, 0 if none does, −1 if none observed. */
  private static int outcome(CountSeries series, long origin, int horizon, long threshold) {
    int[] result = {-1};
    forEachObserved(series, origin, horizon, (h, row) ->
        result[0] = Math.max(result[0], series.count(row) > threshold ? 1 : 0));
    return result[0];
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
      CountDistribution p = fitted.predict(engine, history, origin, h, exposure, scratch);
      none *= 1.0 - p.exceedance(threshold);
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
