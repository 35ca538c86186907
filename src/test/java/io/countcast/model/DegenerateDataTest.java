package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Awkward but legal data: every family finishes without an exception, and a result that says
 * converged carries no NaN; where the data cannot support the model, a warning says so.
 */
class DegenerateDataTest {

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"POISSON", "NB2", "NB1"})
  void constantCount(Family family) {
    Simulated sim = new Simulated(5);
    DesignMatrix x = sim.design(200, 1, 1);
    double[] y = new double[200];
    Arrays.fill(y, 3);
    FitResult r = fit(y, x, family);
    assertNoSilentNaN(r);
    assertThat(r.beta()[0]).isCloseTo(Math.log(3), org.assertj.core.api.Assertions.within(1e-3));
    if (family == Family.NB2 || family == Family.NB1) {
      assertThat(r.warnings()).anyMatch(w -> w.startsWith("no overdispersion"));
    }
  }

  @org.junit.jupiter.api.Test
  void zeroInflationWithoutZerosIsRefused() {
    DesignMatrix x = new Simulated(5).design(50, 1, 1);
    double[] y = new double[50];
    Arrays.fill(y, 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fit(y, x, Family.ZINB2))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("there are no zero counts");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void oneHugeBurst(Family family) {
    Simulated sim = new Simulated(6);
    DesignMatrix x = sim.design(300, 1, 1);
    double[] y = sim.poisson(Simulated.means(x, new double[] {0.7, 0.2}));
    y[137] = 1e7;
    FitResult r = fit(y, x, family);
    assertNoSilentNaN(r);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void factorLevelWithOnlyZeros(Family family) {
    Simulated sim = new Simulated(7);
    DesignMatrix x = sim.design(400, 1, 3);
    double[] y = sim.nb2(Simulated.means(x, new double[] {1.0, 0.3, 0.2, 0}), 2);
    int fc = x.names().indexOf("fc");
    for (int i = 0; i < y.length; i++) {
      if (x.get(i, fc) == 1) {
        y[i] = 0;
      }
    }
    FitResult r = fit(y, x, family);
    assertNoSilentNaN(r);
    assertThat(!r.converged() || !r.warnings().isEmpty())
        .as("a coefficient heading to -infinity is reported: %s", r.warnings()).isTrue();
    assertThat(r.coefficients().get(fc).estimate()).isLessThan(-5);
  }

  @ParameterizedTest
  @EnumSource(value = Family.class, names = {"NB2", "NB1"})
  void poissonDataShowNoOverdispersion(Family family) {
    Simulated sim = new Simulated(8);
    DesignMatrix x = sim.design(2000, 2, 1);
    double[] y = sim.poisson(Simulated.means(x, new double[] {1.0, 0.3, -0.5}));
    FitResult r = fit(y, x, family);
    assertNoSilentNaN(r);
    FitResult poisson = fit(y, x, Family.POISSON);
    for (int j = 0; j < 3; j++) {
      assertThat(r.beta()[j]).isCloseTo(poisson.beta()[j],
          org.assertj.core.api.Assertions.within(0.02));
    }
  }

  private static FitResult fit(double[] y, DesignMatrix x, Family family) {
    return CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(family));
  }

  /** Converged results have every statistic of their family finite or ±∞, never NaN. */
  static void assertNoSilentNaN(FitResult r) {
    if (!r.converged()) {
      assertThat(r.warnings()).as("non-convergence is explained").isNotEmpty();
      return;
    }
    List<Coefficient> all = new java.util.ArrayList<>(r.coefficients());
    all.addAll(r.zeroCoefficients());
    for (Coefficient c : all) {
      assertThat(new double[] {c.estimate(), c.stdError(), c.z(), c.pValue(), c.lower(),
          c.upper()}).as(c.term()).doesNotContain(Double.NaN);
    }
    assertThat(new double[] {r.logLik(), r.aic(), r.bic(), r.pearsonChi2()})
        .doesNotContain(Double.NaN);
    assertThat(r.covariance()).doesNotContain(Double.NaN);
    switch (r.family()) {
      case POISSON -> assertThat(r.deviance()).isNotNaN();
      case NB2 -> assertThat(new double[] {r.theta(), r.thetaStdError(), r.deviance()})
          .doesNotContain(Double.NaN);
      case NB1 -> assertThat(new double[] {r.alpha(), r.alphaStdError()})
          .doesNotContain(Double.NaN);
      case ZINB2 -> assertThat(new double[] {r.theta(), r.thetaStdError()})
          .doesNotContain(Double.NaN);
    }
  }
}
