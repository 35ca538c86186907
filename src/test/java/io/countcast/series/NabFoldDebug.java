package io.countcast.series;

import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import java.util.List;

final class NabFoldDebug {
  public static void main(String[] args) throws Exception {
    CountSeries s = NabData.load(args[0]);
    long origin = Long.parseLong(args[1]);
    List<Seasonality> seasons = Seasonality.parse("daily,weekly", 300);
    long train = 7 * Seasonality.DAY;
    TrainingWindow tw = new TrainingWindow(s, origin, train);
    for (int lag : new int[] {1, 12}) {
      FeatureDesign d = FeatureDesign.create(FeatureSpec.seasonalAr(seasons, 12), lag, origin, train, tw.starts());
      var data = tw.data(d, tw.usableRows(List.of(d)));
      for (int it : new int[] {25, 100}) {
        long t0 = System.nanoTime();
        FitResult f = RegressionEngine.INSTANCE.fit(data, new FitOptions(Family.NB2, it, 1e-8, 0, 0.95));
        System.out.printf("lag %d it %d conv %s iters %d theta %.3f ll %.2f %s %.1f ms%n", lag, it, f.converged(), f.iterations(), f.theta(), f.logLik(), f.warnings(), (System.nanoTime() - t0) / 1e6);
      }
    }
  }
}
