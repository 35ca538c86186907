package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.FamilyChoice;
import io.countcast.api.ModelSpec;
import io.countcast.api.SurgeSpec;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.SeriesArrays;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The adapter on the real series layer and engine, with generated 5-minute restart counts. */
class SeriesForecasterAdapterTest {

  private static final long WINDOW = 300;
  private static final long START = 1_795_000_200L; // a multiple of 300

  private final SeriesForecasterAdapter adapter = new SeriesForecasterAdapter(RegressionEngine.INSTANCE);

  @Test
  void forecastsEachHorizonWindowAfterTheLastWithSurgeProbabilities() {
    SeriesArrays history = overdispersed(400, 7);
    ForecastPlan settings = settings(FamilyChoice.AUTO, 6);

    TrainedForecast forecast = adapter.train(history, settings);

    assertThat(forecast.windows()).hasSize(12);
    long lastEnd = START + 400 * WINDOW;
    assertThat(forecast.windows().get(0).getStart()).isEqualTo(Instant.ofEpochSecond(lastEnd).toString());
    assertThat(forecast.windows().get(11).getEnd())
        .isEqualTo(Instant.ofEpochSecond(lastEnd + 12 * WINDOW).toString());
    assertThat(forecast.windows()).allSatisfy(w -> {
      assertThat(w.getLower()).isLessThanOrEqualTo(w.getUpper());
      assertThat(w.getExpected()).isBetween((double) w.getLower(), (double) w.getUpper());
      assertThat(w.getExceedProbability()).isBetween(0.0, 1.0);
    });
    double noSurge = forecast.windows().stream().mapToDouble(w -> 1 - w.getExceedProbability())
        .reduce(1, (a, b) -> a * b);
    // Each of the 13 numbers is rounded to 3 decimals (at most 0.0005 off).
    assertThat(forecast.surgeProbability()).isCloseTo(1 - noSurge, org.assertj.core.data.Offset.offset(0.007));
    assertThat(forecast.model().getFamily()).isIn("nb2", "zinb2");
    assertThat(forecast.model().getTheta()).isPositive();
    assertThat(forecast.model().getCoefficients()).isNotEmpty()
        .allSatisfy(c -> assertThat(c.getTerm()).isNotBlank());
    assertThat(forecast.backtest()).isNotNull();
    assertThat(forecast.backtest().getFolds()).isBetween(1, SeriesForecasterAdapter.MAX_BACKTEST_FOLDS);
    assertThat(forecast.backtest().getBrier()).isBetween(0.0, 1.0);
  }

  @Test
  void theStatusNumbersAreRoundedAsPeopleReadThem() {
    TrainedForecast forecast = adapter.train(overdispersed(400, 11), settings(FamilyChoice.AUTO, 6));

    assertThat(forecast.windows()).allSatisfy(w -> {
      assertThat(decimals(w.getExpected())).as("expected %s", w.getExpected()).isLessThanOrEqualTo(2);
      assertThat(decimals(w.getExceedProbability())).as("P %s", w.getExceedProbability())
          .isLessThanOrEqualTo(3);
    });
    assertThat(decimals(forecast.surgeProbability())).isLessThanOrEqualTo(3);
    assertThat(decimals(forecast.backtest().getPit90())).isLessThanOrEqualTo(3);
    assertThat(decimals(forecast.backtest().getLogScore())).isLessThanOrEqualTo(3);
    assertThat(decimals(forecast.backtest().getMae())).isLessThanOrEqualTo(2);
    // The model keeps full precision: predictions can be recomputed from it.
    assertThat(decimals(forecast.model().getTheta())).isGreaterThan(3);
  }

  @Test
  void roundingIsHalfUpOnTheDecimalValueAndLeavesNonFiniteValuesAlone() {
    assertThat(SeriesForecasterAdapter.probability(0.834628918)).isEqualTo(0.835);
    assertThat(SeriesForecasterAdapter.probability(0.9172183720360071)).isEqualTo(0.917);
    assertThat(SeriesForecasterAdapter.probability(0.0005)).isEqualTo(0.001);
    assertThat(SeriesForecasterAdapter.count(13.0679)).isEqualTo(13.07);
    assertThat(SeriesForecasterAdapter.count(2.005)).isEqualTo(2.01);
    assertThat(SeriesForecasterAdapter.count(Double.NaN)).isNaN();
  }

  /** Digits after the decimal point of the value as JSON writes it (Double.toString). */
  private static int decimals(double value) {
    return Math.max(0, new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().scale());
  }

  @Test
  void windowsWithoutExposureAreLeftOutAsGaps() {
    SeriesArrays history = overdispersed(200, 11);
    history.exposure()[0] = 0;
    history.exposure()[50] = 0;

    TrainedForecast forecast = adapter.train(history, settings(FamilyChoice.AUTO, 6));

    assertThat(forecast.trainingWindows()).isEqualTo(198);
  }

  @Test
  void aRequestedFamilyIsFittedAndNoSurgeFieldsWithoutSurgeSpec() {
    CountForecastSpec spec = TestSpecs.minimal();
    ModelSpec model = new ModelSpec();
    model.setFamily(FamilyChoice.POISSON);
    model.setSeasonality(List.of());
    spec.setModel(model);

    TrainedForecast forecast = adapter.train(overdispersed(200, 3), ForecastPlan.of(spec));

    assertThat(forecast.model().getFamily()).isEqualTo("poisson");
    assertThat(forecast.model().getTheta()).isNull();
    assertThat(forecast.surgeProbability()).isNull();
    assertThat(forecast.windows()).allSatisfy(w -> assertThat(w.getExceedProbability()).isNull());
  }

  @Test
  void podsThatNeverRestartGetTheGammaPoissonForecastPerPodSecond() {
    int n = 400;
    long[] starts = new long[n];
    double[] exposure = new double[n];
    for (int i = 0; i < n; i++) {
      starts[i] = START + i * WINDOW;
      exposure[i] = 900;
    }
    SeriesArrays quiet = new SeriesArrays(starts, new double[n], exposure);

    TrainedForecast forecast = adapter.train(quiet, settings(FamilyChoice.AUTO, 0));

    assertThat(forecast.model().getMethod()).isEqualTo("gamma-poisson");
    assertThat(forecast.model().getSelectionReason()).startsWith("no events in 400 windows");
    // Jeffreys posterior Gamma(1/2, 400 · 900 pod-s), 900 pod-s per future window: 0.00125,
    // shown rounded to 2 decimals in status
    assertThat(forecast.windows()).allSatisfy(w -> {
      assertThat(w.getExpected()).isEqualTo(Math.round(0.5 / 400 * 100) / 100.0);
      assertThat(w.getUpper()).isZero();
    });
    assertThat(forecast.surgeProbability()).isLessThan(0.02);
  }

  @Test
  void aHistoryWithoutExposureCannotBeFitted() {
    SeriesArrays none = new SeriesArrays(new long[] {START}, new double[] {0}, new double[] {0});

    assertThatThrownBy(() -> adapter.train(none, settings(FamilyChoice.AUTO, 6)))
        .hasMessage("no window with pods at risk to fit on");
  }

  private static ForecastPlan settings(FamilyChoice family, int threshold) {
    CountForecastSpec spec = TestSpecs.minimal();
    ModelSpec model = new ModelSpec();
    model.setFamily(family);
    spec.setModel(model);
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(threshold);
    spec.setSurge(surge);
    return ForecastPlan.of(spec);
  }

  /** NB2 counts (θ = 1.5) around a daily cycle, 3 pods × 300 s of exposure per window. */
  private static SeriesArrays overdispersed(int n, long seed) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    long[] starts = new long[n];
    double[] counts = new double[n];
    double[] exposure = new double[n];
    for (int i = 0; i < n; i++) {
      starts[i] = START + i * WINDOW;
      double mean = 2.0 * Math.exp(0.5 * Math.sin(2 * Math.PI * (starts[i] % 86_400) / 86_400.0));
      double rate = random.nextGamma(1.5, mean / 1.5);
      counts[i] = rate > 0 ? random.nextPoisson(rate) : 0;
      exposure[i] = 900;
    }
    return new SeriesArrays(starts, counts, exposure);
  }
}
