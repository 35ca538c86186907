package io.countcast.series;

import java.util.List;

/** Manual exploration runner (not a test): prints backtest reports for the NAB series. */
final class NabExplore {
  public static void main(String[] args) throws Exception {
    CountEngine engine = RegressionEngine.INSTANCE;
    for (String sym : args.length > 0 ? List.of(args) : NabData.SYMBOLS) {
      CountSeries s = NabData.load(sym);
      List<Seasonality> seasons = Seasonality.parse("daily,weekly", 300);
      long train = 7 * Seasonality.DAY;
      ForecastSpec fs = ForecastSpec.defaults(seasons, 12, train, Backtest.defaultThreshold(s, train))
          ;
      if (System.getProperty("family") != null) {
        fs = fs.withFamilies(List.of(io.countcast.model.Family.parse(System.getProperty("family"))));
      }
      boolean trend = !Boolean.getBoolean("notrend");
      List<Integer> level = java.util.Arrays.stream(System.getProperty("levels", "12,48").split(",")).map(Integer::valueOf).toList();
      fs = fs.withFeatureSets(List.of(new FeatureSpec("seasonal", seasons, trend, false, false, List.of()),
          new FeatureSpec("seasonal+ar", seasons, trend, false, true, level)));
      BacktestSpec bs = new BacktestSpec(fs, Seasonality.DAY, Seasonality.DAY, 42, List.of(), 0.5, Seasonality.DAY);
      long t0 = System.nanoTime();
      BacktestReport r = new Backtest(engine).run(s, bs);
      System.out.printf("%s pit90 %.3f cov90 %.3f cov50 %.3f log %.3f pois %.3f naive %.3f mae %.2f naive %.2f pois %.2f %s %d ms%n",
          sym, r.pit90(), r.coverage90(), r.coverage50(), r.logScore(), r.poissonLogScore(), r.naiveLogScore(),
          r.mae(), r.naiveMae(), r.poissonMae(), r.choices(), (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
