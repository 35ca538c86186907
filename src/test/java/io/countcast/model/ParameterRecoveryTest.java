package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulate n = 20000 rows from known parameters and check every estimate lands within 4 SEs of
 * the truth (a 4-SE miss has probability ~6e-5 per parameter, and the seeds are fixed).
 */
class ParameterRecoveryTest {

  private static final int N = 20_000;
  private static final double[] BETA = {0.5, 0.4, -0.6, 0.3, -0.2};

  @Test
  void nb2() {
    FitResult r = fitSimulated(11, Family.NB2, (sim, mu) -> sim.nb2(mu, 1.5));
    assertWithin(r.theta(), r.thetaStdError(), 1.5);
  }

  @Test
  void nb1() {
    FitResult r = fitSimulated(12, Family.NB1, (sim, mu) -> sim.nb1(mu, 1.2));
    assertWithin(r.alpha(), r.alphaStdError(), 1.2);
  }

  /** Fits counts drawn by {@code counts} at the true means; asserts convergence and β. */
  private static FitResult fitSimulated(long seed, Family family,
                                        java.util.function.BiFunction<Simulated, double[],
                                            double[]> counts) {
    Simulated sim = new Simulated(seed);
    DesignMatrix x = sim.design(N, 2, 3);
    double[] y = counts.apply(sim, Simulated.means(x, BETA));
    FitResult r = CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(family));
    assertThat(r.converged()).isTrue();
    assertRecovered(r.coefficients(), BETA);
    return r;
  }

  @Test
  void zinb2() {
    Simulated sim = new Simulated(13);
    DesignMatrix x = sim.design(N, 2, 3);
    DesignMatrix z = sim.design(N, 1, 1);
    double[] gamma = {-1.0, 0.8};
    double[] pi = Simulated.means(z, gamma);
    for (int i = 0; i < N; i++) {
      pi[i] = pi[i] / (1 + pi[i]);
    }
    double[] y = sim.zinb2(Simulated.means(x, BETA), pi, 2.0);
    FitResult r = CountRegression.fit(new ModelData(y, x, null, null, z),
        FitOptions.defaults(Family.ZINB2));
    assertThat(r.converged()).isTrue();
    assertRecovered(r.coefficients(), BETA);
    assertRecovered(r.zeroCoefficients(), gamma);
    assertWithin(r.theta(), r.thetaStdError(), 2.0);
  }

  private static void assertRecovered(List<Coefficient> coefficients, double[] truth) {
    for (int j = 0; j < truth.length; j++) {
      Coefficient c = coefficients.get(j);
      assertThat(Math.abs(c.estimate() - truth[j]) / c.stdError()).as(c.term())
          .isLessThan(4);
    }
  }

  private static void assertWithin(double estimate, double se, double truth) {
    assertThat(Math.abs(estimate - truth) / se).isLessThan(4);
  }
}
