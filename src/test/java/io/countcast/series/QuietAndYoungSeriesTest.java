package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.PredictiveMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Series with no or very few events get the Gamma–Poisson forecast; series younger than a
 * seasonal cycle leave that cycle out instead of extrapolating a fraction of it.
 */
class QuietAndYoungSeriesTest {

  private static final int WEEK_OF_WINDOWS = 2016;
  private final SeriesForecaster forecaster = new SeriesForecaster(RegressionEngine.INSTANCE);

  private static CountSeries series(long[] counts) {
    long[] starts = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      starts[i] = 1_700_000_100L / 300 * 300 + 300L * i;
    }
    return CountSeries.of(300, starts, counts);
  }

  private static ForecastSpec spec() {
    return ForecastSpec.defaults(Seasonality.parse("daily,weekly", 300),
        ForecastSpec.defaultLevels(300), 12, 7 * Seasonality.DAY, 0);
  }

  @Test
  void aSeriesWithoutEventsGetsTheJeffreysGammaPoissonForecast() {
    SeriesForecast f = forecaster.forecast(series(new long[WEEK_OF_WINDOWS]), spec());

    assertThat(f.model().method()).isEqualTo(ForecastMethod.GAMMA_POISSON);
    assertThat(f.model().reason()).startsWith("no events in 2016 windows")
        .contains("gamma-poisson").contains("Jeffreys");
    // posterior Gamma(1/2, 2016): predictive NB(size 1/2, mean 1/2/2016) per window
    assertThat(f.windows()).hasSize(12).allSatisfy(w -> {
      assertThat(w.expected()).isCloseTo(0.5 / WEEK_OF_WINDOWS, within(1e-12));
      assertThat(w.lower90()).isZero();
      assertThat(w.upper90()).isZero();
      assertThat(w.exceedance()).isCloseTo(1 - Math.sqrt(2016.0 / 2017), within(1e-12));
    });
    assertThat(f.model().coefficients()).singleElement()
        .satisfies(c -> assertThat(c.estimate()).isCloseTo(Math.log(0.5 / 2016), within(1e-12)));
  }

  @Test
  void oneEventOrRareEventsStayOnTheGammaPoissonPathWithASmallMean() {
    long[] one = new long[WEEK_OF_WINDOWS];
    one[700] = 1;
    SeriesForecast f = forecaster.forecast(series(one), spec());
    assertThat(f.model().reason()).startsWith("1 event in 2016 windows");
    assertThat(f.windows().get(0).expected()).isCloseTo(1.5 / WEEK_OF_WINDOWS, within(1e-12));
    assertThat(f.windows().get(0).upper90()).isZero();

    long[] rare = new long[WEEK_OF_WINDOWS];
    SplittableRandom random = new SplittableRandom(5);
    long events = 0;
    for (int i = 0; i < rare.length; i++) {
      rare[i] = random.nextDouble() < 0.002 ? 1 : 0;
      events += rare[i];
    }
    SeriesForecast r = forecaster.forecast(series(rare), spec());
    assertThat(r.model().method()).isEqualTo(ForecastMethod.GAMMA_POISSON);
    assertThat(r.windows().get(0).expected())
        .isCloseTo((0.5 + events) / WEEK_OF_WINDOWS, within(1e-12)).isLessThan(0.01);
    assertThat(r.windows().get(0).upper90()).isLessThanOrEqualTo(1);
  }

  @Test
  void tenEventsAreEnoughForARegression() {
    long[] counts = new long[WEEK_OF_WINDOWS];
    for (int i = 0; i < SeriesModelFitter.MIN_EVENTS; i++) {
      counts[100 + 180 * i] = 1;
    }
    SeriesForecast f = forecaster.forecast(series(counts), spec());
    assertThat(f.model().method()).isEqualTo(ForecastMethod.REGRESSION);
    assertThat(f.windows().get(0).expected()).isLessThan(0.05);
  }

  @Test
  void cyclesTheHistoryCannotIdentifyAreLeftOutAndSaidSo() {
    // One day: the weekly cycle is a fraction, the daily one is seen once and alone.
    CountSeries day = Synthetic.dailyNb2(1, 300, Math.log(20), 0.5, 5.0, 9); // 288 windows
    SeriesForecast f = forecaster.forecast(day, spec());
    assertThat(f.model().reason())
        .contains("weekly terms left out: the training windows cover 0.14 of one cycle")
        .contains("daily terms left out: the training windows cover 1.00 cycles, too few to"
            + " tell the cycle from that span's own shape");
    assertThat(f.model().coefficients()).noneSatisfy(c ->
        assertThat(c.term()).containsAnyOf("weekly", "daily"));
    assertThat(f.windows()).allSatisfy(w -> assertThat(w.upper90()).isLessThan(1000));

    // Two days: the daily cycle is seen twice and kept.
    CountSeries twoDays = Synthetic.dailyNb2(2, 300, Math.log(20), 0.5, 5.0, 9);
    SeriesForecast g = forecaster.forecast(twoDays, spec());
    assertThat(g.model().reason()).contains("weekly terms left out: the training windows cover"
        + " 0.29 of one cycle").doesNotContain("daily terms left out");
    assertThat(g.model().coefficients()).anySatisfy(c ->
        assertThat(c.term()).contains("daily"));
  }

  @Test
  void parameterUncertaintyWidensShortSeriesAndHardlyChangesLongOnes() {
    CountSeries young = Synthetic.dailyNb2(1, 300, Math.log(20), 0.5, 5.0, 11);
    CountSeries old = Synthetic.dailyNb2(28, 300, Math.log(20), 0.5, 5.0, 11);
    ForecastSpec daily = ForecastSpec.defaults(Seasonality.parse("daily", 300),
        ForecastSpec.defaultLevels(300), 1, 28 * Seasonality.DAY, 80)
        .withFamilies(java.util.List.of(io.countcast.model.Family.NB2));
    ForecastSpec plugIn = daily.withPredictive(PredictiveMode.PLUG_IN);
    // the far upper tail P(Y > 80) grows with the parameters' uncertainty
    double youngWidening = tail(young, daily) / tail(young, plugIn);
    double oldWidening = tail(old, daily) / tail(old, plugIn);
    assertThat(youngWidening).isGreaterThan(oldWidening).isGreaterThan(1.05);
    assertThat(oldWidening).isBetween(1.0, 1.05);
  }

  private double tail(CountSeries s, ForecastSpec spec) {
    return forecaster.forecast(s, spec).windows().get(0).exceedance();
  }
}
