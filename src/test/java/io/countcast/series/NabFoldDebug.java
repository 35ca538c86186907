package io.countcast.series;

import io.countcast.model.Family;
import java.util.List;

final class NabFoldDebug {
  public static void main(String[] args) throws Exception {
    CountSeries s = NabData.load(args[0]);
    SimpleNb2Engine simple = new SimpleNb2Engine();
    CountEngine engine = new CountEngine() {
      @Override
      public io.countcast.model.FitResult fit(io.countcast.model.ModelData d, io.countcast.model.FitOptions o) {
        return io.countcast.model.CountRegression.fit(d, o);
      }

      @Override
      public CountPredictive distribution(Family f, double mean, double disp, double pi) {
        return f == Family.NB1 ? new SimpleNb2Engine.Nb2(mean, mean / disp) : simple.distribution(f, mean, disp, pi);
      }
    };
    List<Seasonality> seasons = Seasonality.parse("daily,weekly", 300);
    long train = 7 * Seasonality.DAY;
    ForecastSpec fs = ForecastSpec.defaults(seasons, 12, train, 100).withFamilies(List.of(Family.POISSON, Family.NB2, Family.NB1));
    SeriesModelFitter fitter = new SeriesModelFitter(engine);
    for (long origin = s.start(0) + train; origin + 12 * 300 <= s.start(s.size() - 1); origin += Seasonality.DAY) {
      TrainingWindow tw = new TrainingWindow(s, origin, train);
      FittedSeriesModel m = fitter.fit(tw, fs);
      StringBuilder sb = new StringBuilder();
      double ls = 0;
      for (int h = 1; h <= 12; h++) {
        int row = s.lowerBound(origin + (h - 1) * 300);
        CountPredictive p = m.predict(engine, tw.history(), origin, h, 1, new double[64]);
        ls += p.logPmf(s.count(row));
        sb.append(String.format(" %d:%.0f", s.count(row), p.mean()));
      }
      System.out.printf("%d %s ls %.2f %s | %s%n", origin, m.choice().family(), ls / 12, sb, m.choice().warnings());
    }
  }
}
