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
  void calibratedOnNb2DataAndBetterThanPoissonAndNaive() {
    CountSeries s = Synthetic.dailyNb2(6, 900, Math.log(15), 1.0, 3.0, 9);
    ForecastSpec fs = ForecastSpec.defaults(Seasonality.parse("daily", 900), 4,
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
}
