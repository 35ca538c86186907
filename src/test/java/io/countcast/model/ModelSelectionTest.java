package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModelSelectionTest {

  @Test
  void likelihoodRatioOnQuineRejectsPoisson() {
    ModelSelection.LikelihoodRatioTest lr = lrTest("quine_nb2");
    assertThat(lr.statistic()).isGreaterThan(900);
    assertThat(lr.pValue()).isLessThan(1e-100);
  }

  @Test
  void likelihoodRatioOnPoissonDataKeepsPoisson() {
    ModelSelection.LikelihoodRatioTest lr = lrTest("sim_nb2_nooverdisp");
    assertThat(lr.statistic()).isLessThan(0.01);
    assertThat(lr.pValue()).isGreaterThan(0.4).isLessThanOrEqualTo(1);
  }

  @Test
  void boundaryCorrectionHalvesTheChiSquaredTail() {
    FitResult poisson = withLogLik(Family.POISSON, -100);
    FitResult nb2 = withLogLik(Family.NB2, -100 + 3.841458820694124 / 2);
    ModelSelection.LikelihoodRatioTest lr = ModelSelection.nb2VersusPoisson(poisson, nb2);
    assertThat(lr.pValue()).isCloseTo(0.025, within(1e-9));
  }

  @Test
  void autoChoosesNb2ForNb2DataAndExplains() {
    Simulated sim = new Simulated(21);
    DesignMatrix x = sim.design(3000, 2, 2);
    double[] y = sim.nb2(Simulated.means(x, new double[] {0.8, 0.4, -0.3, 0.5}), 1.2);
    ModelSelection.Selection s = ModelSelection.auto(ModelData.of(y, x),
        FitOptions.defaults(Family.POISSON), ModelSelection.Criterion.AIC);
    assertThat(s.chosen()).isEqualTo(Family.NB2);
    assertThat(s.fit().family()).isEqualTo(Family.NB2);
    assertThat(s.candidates()).hasSize(4);
    assertThat(s.reason()).startsWith("nb2 has the lowest AIC").contains("poisson", "nb1");
    double best = s.fit().aic();
    assertThat(s.candidates()).filteredOn(ModelSelection.Candidate::eligible)
        .allSatisfy(c -> assertThat(c.aic()).isGreaterThanOrEqualTo(best));
  }

  @Test
  void autoSkipsFamiliesThatCannotBeFitted() {
    Simulated sim = new Simulated(22);
    DesignMatrix x = sim.design(500, 1, 1);
    double[] y = sim.nb2(Simulated.means(x, new double[] {2.5, 0.3}), 3);
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.max(y[i], 1); // no zeros: zinb2 is refused
    }
    ModelSelection.Selection s = ModelSelection.auto(ModelData.of(y, x),
        FitOptions.defaults(Family.NB2), ModelSelection.Criterion.BIC);
    assertThat(s.chosen()).isNotEqualTo(Family.ZINB2);
    assertThat(s.reason()).contains("zinb2 skipped: failed: there are no zero counts");
    assertThat(s.candidates().get(Family.ZINB2.ordinal()).aic()).isNaN();
  }

  /** The LR test on a fixture's data; checks LR = 2(ℓ_NB2 − ℓ_Poisson). */
  private static ModelSelection.LikelihoodRatioTest lrTest(String fixture) {
    Fixture f = Fixture.load(fixture);
    FitResult poisson = CountRegression.fit(f.data(), FitOptions.defaults(Family.POISSON));
    FitResult nb2 = CountRegression.fit(f.data(), FitOptions.defaults(Family.NB2));
    ModelSelection.LikelihoodRatioTest lr = ModelSelection.nb2VersusPoisson(poisson, nb2);
    assertThat(lr.statistic()).isCloseTo(Math.max(0, 2 * (nb2.logLik() - poisson.logLik())),
        within(1e-9));
    return lr;
  }

  private static FitResult withLogLik(Family family, double logLik) {
    return new FitResult(family, 10, java.util.List.of(), java.util.List.of(), Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, logLik, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, 9, new double[0], 1, true, java.util.List.of());
  }
}
