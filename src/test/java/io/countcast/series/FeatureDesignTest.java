package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureDesignTest {

  private static final long W = 300;

  @Test
  void fourierTrendAndLagColumnsHaveTheirDefinitions() {
    List<Seasonality> seasons = List.of(new Seasonality("daily", Seasonality.DAY, 3));
    FeatureSpec spec = new FeatureSpec("all", seasons, true, false, true, List.of(2));
    long[] starts = new long[20];
    long[] counts = new long[20];
    for (int i = 0; i < 20; i++) {
      starts[i] = i * W;
      counts[i] = i;
    }
    CountSeries s = CountSeries.of(W, starts, counts);
    long origin = 20 * W;
    FeatureDesign d = FeatureDesign.create(spec, 3, origin, 20 * W, starts);
    assertThat(d.names()).containsExactly("(Intercept)", "trend", "daily.sin1", "daily.cos1",
        "daily.sin2", "daily.cos2", "daily.sin3", "daily.cos3", "log1p.lag3", "log1p.level2");
    double[] row = new double[d.columns()];
    SlotHistory h = new SlotHistory(s, origin);
    assertThat(d.fill(h, 10 * W, row, 0)).isTrue();
    double x = 2 * Math.PI * 10 * W / Seasonality.DAY;
    assertThat(row[1]).isCloseTo(-0.5, within(1e-12));
    for (int k = 1; k <= 3; k++) {
      assertThat(row[2 * k]).isCloseTo(Math.sin(k * x), within(1e-12));
      assertThat(row[2 * k + 1]).isCloseTo(Math.cos(k * x), within(1e-12));
    }
    assertThat(row[8]).isCloseTo(Math.log1p(7), within(1e-12));
    assertThat(row[9]).isCloseTo((Math.log1p(6) + Math.log1p(7)) / 2, within(1e-12));
    // the first rows have no lag source: dropped from training
    assertThat(d.fill(h, 3 * W, row, 0)).isFalse();
  }

  @Test
  void forecastStepHWithLagDistanceHReadsOnlyWindowsBeforeTheOrigin() {
    FeatureSpec spec = FeatureSpec.seasonalAr(List.of(), List.of(1));
    long[] starts = {0, W, 2 * W, 3 * W};
    CountSeries s = CountSeries.of(W, starts, new long[] {1, 2, 3, 4});
    long origin = 4 * W;
    SlotHistory h = new SlotHistory(s, origin);
    for (int step = 1; step <= 4; step++) {
      FeatureDesign d = FeatureDesign.create(spec, step, origin, 4 * W, starts);
      double[] row = new double[d.columns()];
      assertThat(d.fill(h, origin + (step - 1) * W, row, 0)).isTrue();
      assertThat(row[d.columns() - 2]).isCloseTo(Math.log1p(4), within(1e-12));
    }
  }

  @Test
  void hourOfWeekHasOneColumnPerSeenHourButTheReference() {
    FeatureSpec spec =
        new FeatureSpec("trend", List.of(), true, false, false, List.of()).withHourOfWeek();
    long[] starts = {0, 3600, 7200, 7500};
    FeatureDesign d = FeatureDesign.create(spec, 1, 10_000, 10_000, starts);
    assertThat(d.names()).containsExactly("(Intercept)", "trend", "how1", "how2");
    CountSeries s = CountSeries.of(300, starts, new long[] {1, 2, 3, 4});
    double[] row = new double[4];
    d.fill(new SlotHistory(s, 7800), 7500, row, 0);
    assertThat(row).containsExactly(1.0, (7500 - 10_000) / 10_000.0, 0.0, 1.0);
  }
}
