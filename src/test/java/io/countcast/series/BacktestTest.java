package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.model.ModelData;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {

  @Test
  void trainingDataIgnoresEverythingFromTheOriginOn() {
    CountSeries s = Synthetic.dailyNb2(3, 300, Math.log(20), 0.5, 4.0, 5);
    long origin = s.start(0) + 2 * Seasonality.DAY;
    long[] counts = s.counts();
    for (int i = s.lowerBound(origin); i < counts.length; i++) {
      counts[i] = 1_000_000; // a future that would wreck any fit that saw it
    }
    CountSeries poisoned = CountSeries.of(300, s.starts(), counts);
    FeatureSpec spec = FeatureSpec.seasonalAr(Seasonality.parse("daily", 300), List.of(12));
    TrainingWindow a = new TrainingWindow(s, origin, Seasonality.DAY);
    TrainingWindow b = new TrainingWindow(poisoned, origin, Seasonality.DAY);
    FeatureDesign d = FeatureDesign.create(spec, 1, origin, Seasonality.DAY, a.starts());
    ModelData da = a.data(d, a.usableRows(List.of(d)));
    ModelData db = b.data(d, b.usableRows(List.of(d)));
    assertThat(db.y()).containsExactly(da.y());
    assertThat(db.x().values()).containsExactly(da.x().values());
  }

  @Test
  void noFitOfTheDriverSeesAWindowAtOrAfterItsFoldOrigin() {
    // counts encode their own time: y = 1000 + row index, so a fit's largest y names the
    // latest window it was given
    long[] starts = new long[3 * 96];
    long[] counts = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = i * 900L;
      counts[i] = 1000 + i;
    }
    CountSeries s = CountSeries.of(900, starts, counts);
    java.util.List<Double> latest =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    CountEngine spy = new CountEngine() {
      @Override
      public io.countcast.model.FitResult fit(ModelData data, io.countcast.model.FitOptions o) {
        latest.add(java.util.Arrays.stream(data.y()).max().orElse(0));
        return RegressionEngine.INSTANCE.fit(data, o);
      }

      @Override
      public io.countcast.model.CountDistribution distribution(io.countcast.model.Family f,
          double mean, double dispersion, double zeroProbability) {
        return RegressionEngine.INSTANCE.distribution(f, mean, dispersion, zeroProbability);
      }
    };
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4, Seasonality.DAY, 2000)
        .withFamilies(List.of(io.countcast.model.Family.POISSON));
    BacktestSpec spec = new BacktestSpec(fs, Seasonality.DAY / 2, Seasonality.DAY, 1, List.of(),
        0.5, Seasonality.DAY);
    BacktestReport r = new Backtest(spy).run(s, spec);
    assertThat(r.folds()).isEqualTo(4);
    // folds start at rows 96, 144, 192, 240; every fit of fold k has largest y = origin − 1
    assertThat(latest).isNotEmpty().allSatisfy(y ->
        assertThat(y - 1000 + 1).isIn(96.0, 144.0, 192.0, 240.0));
  }

  @Test
  void calibratedOnNb2DataAndBetterThanPoissonAndNaive() {
    CountSeries s = Synthetic.dailyNb2(6, 900, Math.log(15), 1.0, 3.0, 9);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4,
        2 * Seasonality.DAY, 30);
    BacktestSpec spec = new BacktestSpec(fs, 3 * 3600, Seasonality.DAY, 1, List.of(), 0.5,
        Seasonality.DAY);
    BacktestReport r = new Backtest(RegressionEngine.INSTANCE).run(s, spec);
    assertThat(r.folds()).isEqualTo(32);
    assertThat(r.windows()).isEqualTo(128);
    assertThat(r.pit90()).isBetween(0.8, 0.97);
    assertThat(r.logScore()).isGreaterThan(r.poissonLogScore()).isGreaterThan(r.naiveLogScore());
    assertThat(r.mae()).isLessThan(r.naiveMae());
    assertThat(r.choices().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(32);
  }

  /** An engine that fails every fit whose largest count is in {@code failing}. */
  private static CountEngine failingOn(double failing, double meanFactor) {
    return new CountEngine() {
      @Override
      public io.countcast.model.FitResult fit(ModelData data, io.countcast.model.FitOptions o) {
        if (java.util.Arrays.stream(data.y()).anyMatch(y -> y == failing)) {
          throw new io.countcast.model.ModelException("simulated failure");
        }
        return RegressionEngine.INSTANCE.fit(data, o);
      }

      @Override
      public io.countcast.model.CountDistribution distribution(io.countcast.model.Family f,
          double mean, double dispersion, double zeroProbability) {
        return RegressionEngine.INSTANCE.distribution(f, mean * meanFactor, dispersion,
            zeroProbability);
      }
    };
  }

  @Test
  void anOriginThatCannotBeFittedIsSkippedAndReported() {
    CountSeries s = Synthetic.dailyNb2(6, 900, Math.log(15), 1.0, 3.0, 9);
    long[] counts = s.counts();
    // 2 h after the first origin: in the training span of the next eight origins, not the first's
    int marked = s.lowerBound(s.start(0) + 2 * Seasonality.DAY + 2 * 3600);
    counts[marked] = 4242;
    CountSeries marked4242 = CountSeries.of(900, s.starts(), counts);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4, 2 * Seasonality.DAY, 30);
    BacktestSpec spec = new BacktestSpec(fs, 6 * 3600, Seasonality.DAY, 1, List.of(), 0.5,
        Seasonality.DAY);
    BacktestReport r = new Backtest(failingOn(4242, 1), 2).run(marked4242, spec);
    assertThat(r.skipped()).isNotEmpty().allSatisfy(o ->
        assertThat(o.reason()).contains("simulated failure"));
    assertThat(r.folds() + r.skipped().size()).isEqualTo(Backtest.origins(marked4242, spec).length);
    assertThat(r.skipped()).hasSize(8);
    assertThat(r.folds()).isPositive();
    assertThat(r.perWindow()).filteredOn(w -> w.model() == null)
        .hasSize(4 * r.skipped().size())
        .allSatisfy(w -> assertThat(w.note()).contains("simulated failure"));
  }

  @Test
  void extremeMeansAreScoredNotFatal() {
    // every predictive mean 10^16 times too large: quantiles saturate, scores stay defined.
    // Plug-in, because the engine's distribution() hook inflates the mean only on that path
    // (the posterior predictive builds its mixture from the fit directly).
    CountSeries s = Synthetic.dailyNb2(4, 900, Math.log(15), 1.0, 3.0, 9);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4, 2 * Seasonality.DAY, 30)
        .withFamilies(List.of(io.countcast.model.Family.NB2))
        .withPredictive(io.countcast.model.PredictiveMode.PLUG_IN);
    BacktestSpec spec = new BacktestSpec(fs, 6 * 3600, Seasonality.DAY, 1, List.of(), 0.5,
        Seasonality.DAY);
    BacktestReport r = new Backtest(failingOn(-1, 1e16), 2).run(s, spec);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.model().crps()).isFinite();
    assertThat(r.model().coverage90()).isZero();
    assertThat(r.perWindow()).allSatisfy(w -> assertThat(w.model().upper90())
        .isEqualTo(io.countcast.model.CountDistribution.MAX_QUANTILE));
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    CountSeries s = Synthetic.dailyNb2(5, 900, Math.log(15), 1.0, 3.0, 9);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4, 2 * Seasonality.DAY, 30);
    BacktestSpec spec = new BacktestSpec(fs, 3 * 3600, Seasonality.DAY, 1, List.of(), 0.5,
        Seasonality.DAY);
    BacktestReport one = new Backtest(RegressionEngine.INSTANCE, 1).run(s, spec);
    BacktestReport two = new Backtest(RegressionEngine.INSTANCE, 2).run(s, spec);
    assertThat(two.model()).isEqualTo(one.model());
    assertThat(two.perWindow()).isEqualTo(one.perWindow());
  }

  @Test
  void keepingTheChoiceBetweenChoicesFitsLessAndScoresAlike() {
    CountSeries s = Synthetic.dailyNb2(6, 900, Math.log(15), 1.0, 3.0, 9);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900),
        ForecastSpec.defaultLevels(900), 4, 2 * Seasonality.DAY, 30);
    BacktestSpec spec = new BacktestSpec(fs, 3 * 3600, Seasonality.DAY, 1, List.of(), 0.5,
        Seasonality.DAY);
    java.util.concurrent.atomic.AtomicInteger everyFits =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger keptFits =
        new java.util.concurrent.atomic.AtomicInteger();
    BacktestReport every = new Backtest(counting(everyFits), 1, 1).run(s, spec);
    BacktestReport kept = new Backtest(counting(keptFits), 1, 4).run(s, spec);
    assertThat(kept.folds()).isEqualTo(every.folds()).isEqualTo(32);
    assertThat(kept.windows()).isEqualTo(every.windows());
    // 8 choices instead of 32: the other 24 origins fit only the kept family and features
    assertThat(keptFits.get()).isLessThan(everyFits.get() * 3 / 4);
    assertThat(kept.logScore()).isCloseTo(every.logScore(),
        org.assertj.core.data.Offset.offset(0.02));
    assertThat(kept.pit90()).isBetween(0.8, 0.97);
  }

  private static CountEngine counting(java.util.concurrent.atomic.AtomicInteger fits) {
    return new CountEngine() {
      @Override
      public io.countcast.model.FitResult fit(ModelData data, io.countcast.model.FitOptions o) {
        fits.incrementAndGet();
        return RegressionEngine.INSTANCE.fit(data, o);
      }

      @Override
      public io.countcast.model.CountDistribution distribution(io.countcast.model.Family f,
          double mean, double dispersion, double zeroProbability) {
        return RegressionEngine.INSTANCE.distribution(f, mean, dispersion, zeroProbability);
      }
    };
  }
}
