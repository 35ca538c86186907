package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.LiveStatus;
import io.countcast.api.SurgeSpec;
import io.countcast.model.CountDistribution;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.WindowPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class LiveCalibrationTest {

  private static final long W = 300;
  private static final int DAY = 288;
  /** Three days of 5-minute windows, NB2 with mean 5 and size 2 (seeded). */
  private static final SeriesArrays HISTORY = nb(3 * DAY, 5, 2, 7);

  private static SeriesArrays nb(int n, double mean, double size, long seed) {
    Well19937c rng = new Well19937c(seed);
    long[] starts = new long[n];
    double[] counts = new double[n];
    double[] exposure = new double[n];
    for (int i = 0; i < n; i++) {
      starts[i] = 1_700_000_100L - 1_700_000_100L % W + i * W;
      double lambda = new GammaDistribution(rng, size, mean / size).sample();
      counts[i] = lambda <= 0 ? 0 : new PoissonDistribution(rng, lambda, 1e-12, 10_000).sample();
      exposure[i] = 1;
    }
    return new SeriesArrays(starts, counts, exposure);
  }

  /** The last day of the history, archived with the forecast {@code forecast(i)} for each. */
  private static List<ArchivedWindow> lastDayForecastBy(IntFunction<CountDistribution> forecast) {
    List<ArchivedWindow> out = new ArrayList<>();
    for (int i = HISTORY.size() - DAY; i < HISTORY.size(); i++) {
      CountDistribution p = forecast.apply(i);
      long start = HISTORY.epochSeconds()[i];
      out.add(new ArchivedWindow(WindowPrediction.of(start, p.mean(), p.quantile(0.05),
          p.quantile(0.95), 1, p), start + W, Math.round(HISTORY.counts()[i]), 1));
    }
    return out;
  }

  @Test
  void theTrueDistributionIsCalibratedAndBeatsSeasonalNaive() {
    LiveStatus live = LiveCalibration.of(lastDayForecastBy(i -> new NegBinomialCount(5, 2)),
        HISTORY, ForecastPlan.of(TestSpecs.minimal()));
    assertThat(live.getWindows()).isEqualTo(DAY);
    assertThat(live.getPit90()).isBetween(0.84, 0.96);
    assertThat(live.getCoverage90()).isBetween(0.84, 0.99);
    assertThat(live.getLogScore()).isGreaterThan(live.getNaiveLogScore());
    assertThat(live.getFalseAlarmsPerWeek()).isNull();
  }

  @Test
  void aPoissonForecastOfOverdispersedCountsIsTooNarrow() {
    LiveStatus live = LiveCalibration.of(lastDayForecastBy(i -> new PoissonCount(5)), HISTORY,
        ForecastPlan.of(TestSpecs.minimal()));
    assertThat(live.getPit90()).isLessThan(0.75);
    assertThat(live.getCoverage90()).isLessThan(0.8);
  }

  @Test
  void falseAlarmsAreFlaggedWindowsWhoseCountStayedAtOrBelowTheThreshold() {
    CountForecastSpec spec = TestSpecs.minimal();
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(8);
    surge.setProbability(0.3);
    spec.setSurge(surge);
    // every other window is forecast high enough to raise the flag (P(Y > 8) about 0.45)
    NegBinomialCount high = new NegBinomialCount(9, 2);
    assertThat(high.exceedance(8)).isGreaterThan(0.3);
    assertThat(new NegBinomialCount(5, 2).exceedance(8)).isLessThan(0.3);
    LiveStatus live = LiveCalibration.of(lastDayForecastBy(i -> i % 2 == 0 ? high
        : new NegBinomialCount(5, 2)), HISTORY, ForecastPlan.of(spec));
    long falseAlarms = 0;
    for (int i = HISTORY.size() - DAY; i < HISTORY.size(); i++) {
      falseAlarms += i % 2 == 0 && HISTORY.counts()[i] <= 8 ? 1 : 0;
    }
    assertThat(falseAlarms).isPositive();
    assertThat(live.getFalseAlarmsPerWeek()).isCloseTo(falseAlarms * 7.0,
        org.assertj.core.api.Assertions.within(0.01)); // one day scored: per week is ×7
  }

  @Test
  void nothingToScoreIsNoLiveStatus() {
    assertThat(LiveCalibration.of(List.of(), HISTORY, ForecastPlan.of(TestSpecs.minimal())))
        .isNull();
  }
}
