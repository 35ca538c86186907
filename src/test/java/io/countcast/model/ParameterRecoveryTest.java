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
    Simulated sim = new Simulated(11);
    DesignMatrix x = sim.design(N, 2, 3);
    double[] y = sim.nb2(Simulated.means(x, BETA), 1.5);
    FitResult r = CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(Family.NB2));
    assertThat(r.converged()).isTrue();
    assertRecovered(r.coefficients(), BETA);
    assertWithin(r.theta(), r.thetaStdError(), 1.5);
  }

  @Test
  void nb1() {
    Simulated sim = new Simulated(12);
    DesignMatrix x = sim.design(N, 2, 3);
    double[] y = sim.nb1(Simulated.means(x, BETA), 1.2);
    FitResult r = CountRegression.fit(ModelData.of(y, x), FitOptions.defaults(Family.NB1));
    assertThat(r.converged()).isTrue();
    assertRecovered(r.coefficients(), BETA);
    assertWithin(r.alpha(), r.alphaStdError(), 1.2);
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
