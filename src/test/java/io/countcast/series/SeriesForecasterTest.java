package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {

  private final SeriesForecaster forecaster = new SeriesForecaster(RegressionEngine.INSTANCE);

  @Test
  void forecastsTheWindowsAfterTheLastObservationWithAChosenModel() {
    CountSeries s = Synthetic.dailyNb2(7, 300, Math.log(20), 0.8, 3.0, 1);
    ForecastSpec spec = ForecastSpec.defaults(Seasonality.parse("daily", 300),
        ForecastSpec.defaultLevels(300), 12,
        7 * Seasonality.DAY, 40);
    SeriesForecast f = forecaster.forecast(s, spec);
    long origin = s.start(s.size() - 1) + 300;
    assertThat(f.windows()).hasSize(12);
    double none = 1;
    for (int h = 0; h < 12; h++) {
      SeriesForecast.WindowForecast w = f.windows().get(h);
      assertThat(w.start()).isEqualTo(origin + h * 300L);
      assertThat(w.end()).isEqualTo(w.start() + 300);
      assertThat(w.lower90()).isLessThanOrEqualTo(w.upper90());
      assertThat(w.expected()).isBetween((double) w.lower90(), (double) w.upper90());
      none *= 1 - w.exceedance();
    }
    assertThat(f.surgeProbability()).isCloseTo(1 - none, within(1e-12));
    assertThat(f.model().family()).isIn(Family.NB2, Family.NB1, Family.ZINB2);
    assertThat(f.model().reason()).contains("by AIC");
    assertThat(f.model().coefficients()).isNotEmpty();
  }

  @Test
  void aFixedFamilyIsReportedAsRequestedAndExposureScalesTheMean() {
    CountSeries s = Synthetic.dailyNb2(3, 300, Math.log(10), 0.5, 5.0, 2);
    List<FeatureSpec> one = List.of(FeatureSpec.seasonal(Seasonality.parse("daily", 300)));
    ForecastSpec spec = ForecastSpec.defaults(Seasonality.parse("daily", 300),
        ForecastSpec.defaultLevels(300), 2,
        3 * Seasonality.DAY, 20).withFamilies(List.of(Family.NB2)).withFeatureSets(one);
    SeriesForecast base = forecaster.forecast(s, spec);
    assertThat(base.model().reason()).startsWith("nb2/seasonal as requested");
    ForecastSpec doubled = new ForecastSpec(2, spec.trainSeconds(), one, spec.families(),
        Criterion.AIC, 20, 10, new double[] {2.0, 2.0}, false);
    SeriesForecast twice = forecaster.forecast(s, doubled);
    assertThat(twice.windows().get(0).expected())
        .isCloseTo(2 * base.windows().get(0).expected(), within(1e-9));
  }

  @Test
  void guardRailsSkipCandidatesWithTooFewRowsPerParameterAndSayWhy() {
    CountSeries s = Synthetic.dailyNb2(1, 3600, Math.log(10), 0.5, 5.0, 3); // 24 rows
    ForecastSpec spec = ForecastSpec.defaults(Seasonality.parse("daily", 3600),
        ForecastSpec.defaultLevels(3600), 1,
        Seasonality.DAY, 20);
    SeriesForecast f = forecaster.forecast(s, spec);
    assertThat(f.model().reason()).contains("skipped").contains("per parameter");
  }

  @Test
  void autoKeepsPoissonWhenTheOverdispersionTestFindsNone() {
    ForecastSpec spec = ForecastSpec.defaults(Seasonality.parse("daily", 300),
        ForecastSpec.defaultLevels(300), 12, 7 * Seasonality.DAY, 40);
    // theta = 1e6: Poisson counts, in which NB2 can only win AIC by chance.
    SeriesForecast poisson = forecaster.forecast(
        Synthetic.dailyNb2(7, 300, Math.log(20), 0.8, 1e6, 4), spec);
    assertThat(poisson.model().reason()).contains("overdispersion test (nb2 vs poisson")
        .contains("no overdispersion, poisson kept");
    assertThat(poisson.model().family()).isEqualTo(Family.POISSON);

    SeriesForecast overdispersed = forecaster.forecast(
        Synthetic.dailyNb2(7, 300, Math.log(20), 0.8, 3.0, 4), spec);
    assertThat(overdispersed.model().reason()).contains("overdispersion test (nb2 vs poisson")
        .contains(", overdispersed");
    assertThat(overdispersed.model().family()).isNotEqualTo(Family.POISSON);
  }
}
