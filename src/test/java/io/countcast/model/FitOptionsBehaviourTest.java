package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Prior weights, the ridge penalty and the iteration limit do what FitOptions says. */
class FitOptionsBehaviourTest {

  @ParameterizedTest
  @EnumSource(Family.class)
  void frequencyWeightsEqualDuplicatedRows(Family family) {
    Simulated sim = new Simulated(31);
    int n = 300;
    DesignMatrix x = sim.design(n, 1, 2);
    double[] y = sim.nb2(Simulated.means(x, new double[] {0.6, 0.3, -0.4}), 2);
    double[] w = new double[n];
    double[] yy = new double[2 * n];
    double[] xx = new double[2 * n * x.columns()];
    for (int i = 0; i < n; i++) {
      w[i] = 2;
      yy[i] = y[i];
      yy[n + i] = y[i];
    }
    System.arraycopy(x.values(), 0, xx, 0, x.values().length);
    System.arraycopy(x.values(), 0, xx, x.values().length, x.values().length);
    FitResult weighted = CountRegression.fit(new ModelData(y, x, null, w, null),
        FitOptions.defaults(family));
    FitResult doubled = CountRegression.fit(
        ModelData.of(yy, new DesignMatrix(x.names(), 2 * n, xx)), FitOptions.defaults(family));
    assertThat(weighted.logLik()).isCloseTo(doubled.logLik(), within(1e-6));
    for (int j = 0; j < x.columns(); j++) {
      assertThat(weighted.coefficients().get(j).estimate())
          .isCloseTo(doubled.coefficients().get(j).estimate(), within(1e-7));
      assertThat(weighted.coefficients().get(j).stdError())
          .isCloseTo(doubled.coefficients().get(j).stdError(), within(1e-7));
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void ridgeShrinksSlopesButNotTheIntercept(Family family) {
    Simulated sim = new Simulated(32);
    DesignMatrix x = sim.design(400, 2, 1);
    double[] y = sim.nb2(Simulated.means(x, new double[] {1.2, 0.5, -0.5}), 3);
    ModelData data = ModelData.of(y, x);
    FitResult plain = CountRegression.fit(data, FitOptions.defaults(family));
    FitResult zeroRidge = CountRegression.fit(data, FitOptions.defaults(family).withRidge(0));
    FitResult ridge = CountRegression.fit(data, FitOptions.defaults(family).withRidge(1e6));
    assertThat(zeroRidge.beta()).containsExactly(plain.beta());
    assertThat(Math.abs(ridge.beta()[1])).isLessThan(1e-3);
    assertThat(Math.abs(ridge.beta()[2])).isLessThan(1e-3);
    assertThat(ridge.beta()[0]).isGreaterThan(0.5); // the intercept still fits the mean level
  }

  @Test
  void iterationLimitIsReportedNotSilent() {
    Fixture f = Fixture.load("quine_poisson");
    FitResult r = CountRegression.fit(f.data(),
        new FitOptions(Family.POISSON, 2, 1e-8, 0, 0.95));
    assertThat(r.converged()).isFalse();
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(r.warnings()).contains("IRLS did not converge in 2 iterations");
    FitResult nb2 = CountRegression.fit(f.data(), new FitOptions(Family.NB2, 2, 1e-8, 0, 0.95));
    assertThat(nb2.converged()).isFalse();
    assertThat(nb2.warnings()).anyMatch(w -> w.startsWith("alternation limit reached"));
  }

  @Test
  void confidenceLevelSetsTheIntervals() {
    Fixture f = Fixture.load("quine_nb2");
    FitResult r = CountRegression.fit(f.data(),
        new FitOptions(Family.NB2, 25, 1e-8, 0, 0.90));
    Coefficient c = r.coefficients().get(1);
    assertThat(c.upper() - c.estimate()).isCloseTo(1.6448536269514722 * c.stdError(),
        within(1e-12));
    assertThat(c.z()).isCloseTo(c.estimate() / c.stdError(), within(1e-15));
    assertThat(c.pValue()).isCloseTo(
        2 * (1 - new org.apache.commons.math3.distribution.NormalDistribution()
            .cumulativeProbability(Math.abs(c.z()))), within(1e-12));
    assertThat(c.rateRatio()).isCloseTo(Math.exp(c.estimate()), within(1e-15));
  }
}
