package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** An NB2 fit started from {@link FitOptions#startBeta} reaches R's estimates. */
class Nb2StartTest {

  @Test
  void startFromThePoissonFitReachesTheSameEstimates() {
    Fixture f = Fixture.load("quine_nb2");
    FitResult poisson = CountRegression.fit(f.data(), FitOptions.defaults(Family.POISSON));
    assertSameFit(f.data(), poisson.beta());
  }

  @Test
  void startFromASimilarModelReachesTheSameEstimates() {
    Simulated sim = new Simulated(41);
    DesignMatrix x = sim.design(2000, 2, 1);
    double[] y = sim.nb2(Simulated.means(x, new double[] {2.0, 0.4, -0.3}), 4);
    // A start off by 0.2 on every coefficient, like a neighbouring lag tier's fit.
    assertSameFit(ModelData.of(y, x), new double[] {1.8, 0.6, -0.1});
  }

  @Test
  void aWeightedRidgeFitWithAnOffsetFromAStartReachesTheSameEstimates() {
    Simulated sim = new Simulated(42);
    int n = 1500;
    DesignMatrix x = sim.design(n, 3, 3);
    double[] off = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      off[i] = 0.2 * (i % 4);
      w[i] = 1 + i % 2;
    }
    double[] mu = Simulated.means(x, new double[] {1.0, 0.4, -0.3, 0.2, 0.5, -0.5});
    for (int i = 0; i < n; i++) {
      mu[i] *= Math.exp(off[i]);
    }
    double[] y = sim.nb2(mu, 1.5);
    FitOptions ridge = FitOptions.defaults(Family.NB2).withRidge(0.3);
    assertSameFit(new ModelData(y, x, off, w, null), new double[] {0.8, 0.5, -0.1, 0.3, 0.3,
        -0.3}, ridge);
  }

  @Test
  void aStartedFitOfCountsWithoutOverdispersionSaysSoAsTheColdFitDoes() {
    Simulated sim = new Simulated(43);
    DesignMatrix x = sim.design(800, 1, 1);
    double[] y = sim.poisson(Simulated.means(x, new double[] {1.5, 0.3}));
    FitResult cold = CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(Family.NB2));
    FitResult warm = CountRegression.fit(ModelData.of(y, x),
        FitOptions.defaults(Family.NB2).withStartBeta(new double[] {1.4, 0.4}));
    assertThat(cold.warnings()).anyMatch(m -> m.startsWith("no overdispersion"));
    assertThat(warm.warnings()).anyMatch(m -> m.startsWith("no overdispersion"));
  }

  private static void assertSameFit(ModelData data, double[] start) {
    assertSameFit(data, start, FitOptions.defaults(Family.NB2));
  }

  private static void assertSameFit(ModelData data, double[] start, FitOptions options) {
    FitResult cold = CountRegression.fit(data, options);
    FitResult warm = CountRegression.fit(data, options.withStartBeta(start));
    assertThat(warm.converged()).isTrue();
    assertThat(warm.beta()).containsExactly(cold.beta(), within(1e-7));
    assertThat(warm.theta()).isCloseTo(cold.theta(), within(1e-7 * cold.theta()));
    assertThat(warm.logLik()).isCloseTo(cold.logLik(), within(1e-8));
    assertThat(warm.thetaStdError()).isCloseTo(cold.thetaStdError(),
        within(1e-4 * cold.thetaStdError()));
  }

  @Test
  void aPoissonFitFromAStartReachesTheSameEstimates() {
    Fixture f = Fixture.load("quine_nb2");
    FitResult cold = CountRegression.fit(f.data(), FitOptions.defaults(Family.POISSON));
    double[] start = cold.beta().clone();
    for (int j = 0; j < start.length; j++) {
      start[j] += 0.05; // a neighbouring origin's estimates
    }
    FitResult warm = CountRegression.fit(f.data(),
        FitOptions.defaults(Family.POISSON).withStartBeta(start));
    assertThat(warm.converged()).isTrue();
    assertThat(warm.beta()).containsExactly(cold.beta(), within(1e-6));
    assertThat(warm.logLik()).isCloseTo(cold.logLik(), within(1e-7));
  }

  @Test
  void aZinb2FitFromAStartReachesTheSameMaximum() {
    Fixture f = Fixture.load("biochemists_zinb2");
    FitOptions options = FitOptions.defaults(Family.ZINB2);
    FitResult cold = CountRegression.fit(f.data(), options);
    double[] beta = cold.beta();
    double[] gamma = cold.gamma();
    double[] start = java.util.Arrays.copyOf(beta, beta.length + gamma.length + 1);
    System.arraycopy(gamma, 0, start, beta.length, gamma.length);
    start[start.length - 1] = Math.log(cold.theta());
    for (int j = 0; j < start.length; j++) {
      start[j] += 0.05; // a neighbouring tier's or origin's estimates
    }
    FitResult warm = CountRegression.fit(f.data(), options.withStartBeta(start));
    assertThat(warm.converged()).isTrue();
    assertThat(warm.beta()).containsExactly(cold.beta(), within(1e-6));
    assertThat(warm.gamma()).containsExactly(cold.gamma(), within(1e-6));
    assertThat(warm.theta()).isCloseTo(cold.theta(), within(1e-6 * cold.theta()));
    assertThat(warm.logLik()).isCloseTo(cold.logLik(), within(1e-8));
    assertThatThrownBy(() -> CountRegression.fit(f.data(), options.withStartBeta(beta)))
        .hasMessageStartingWith("startBeta has " + beta.length + " values but zinb2 needs");
  }

  @Test
  void startValuesAreValidated() {
    assertThatThrownBy(() -> FitOptions.defaults(Family.NB1).withStartBeta(new double[] {1}))
        .hasMessage("startBeta is only used by nb2, poisson and zinb2, not nb1");
    assertThatThrownBy(() -> FitOptions.defaults(Family.NB2)
        .withStartBeta(new double[] {Double.NaN})).hasMessage("startBeta must be finite");
    Fixture f = Fixture.load("quine_nb2");
    assertThatThrownBy(() -> CountRegression.fit(f.data(),
        FitOptions.defaults(Family.NB2).withStartBeta(new double[] {1, 2})))
        .hasMessageStartingWith("startBeta has 2 values but the design has");
  }
}
