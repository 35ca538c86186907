package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The NB1, NB2 and ZINB2 likelihoods' analytic Hessians against central differences of their
 * analytic gradients, at points away from the optimum (where every term matters), with weights, an
 * offset, a ridge penalty, zeros and large counts.
 */
class AnalyticHessianTest {

  private static final int N = 300;

  @Test
  void zinb2HessianMatchesFiniteDifferences() {
    Simulated sim = new Simulated(11);
    DesignMatrix x = sim.design(N, 2, 3);
    DesignMatrix z = sim.design(N, 1, 1);
    double[] mu = Simulated.means(x, new double[] {1.2, 0.5, -0.3, 0.4, 0.8});
    double[] pi = new double[N];
    java.util.Arrays.fill(pi, 0.25);
    double[] y = sim.zinb2(mu, pi, 1.7);
    for (double ridge : new double[] {0, 0.5}) {
      FitInput in = FitInput.of(new ModelData(y, x, offsets(), weights(), z), ridge, true);
      Zinb2Fitter.Objective f = new Zinb2Fitter.Objective(in);
      for (double[] par : new double[][] {
          {1.0, 0.4, -0.2, 0.3, 0.6, -1.0, 0.2, 0.3},
          {1.5, 0.6, -0.4, 0.5, 1.0, -2.0, -0.5, 2.5},
          {0.5, 0.0, 0.0, 0.0, 0.0, 0.5, 0.0, -1.5}}) {
        assertClose(f.hessian(par), NewtonOptimizer.finiteDifferenceHessian(f, par));
      }
    }
  }

  @Test
  void nb1HessianMatchesFiniteDifferences() {
    Simulated sim = new Simulated(12);
    DesignMatrix x = sim.design(N, 2, 3);
    double[] mu = Simulated.means(x, new double[] {2.5, 0.5, -0.3, 0.4, 0.8});
    double[] y = sim.nb1(mu, 3.0);
    for (double ridge : new double[] {0, 0.5}) {
      FitInput in = FitInput.of(new ModelData(y, x, offsets(), weights(), null), ridge, false);
      Nb1Fitter.Objective f = new Nb1Fitter.Objective(in);
      for (double[] par : new double[][] {
          {2.3, 0.4, -0.2, 0.3, 0.6, 1.0},
          {2.8, 0.6, -0.4, 0.5, 1.0, -1.5},
          {1.0, 0.0, 0.0, 0.0, 0.0, 3.0}}) {
        assertClose(f.hessian(par), NewtonOptimizer.finiteDifferenceHessian(f, par));
      }
    }
  }

  @Test
  void nb2HessianMatchesFiniteDifferences() {
    Simulated sim = new Simulated(13);
    DesignMatrix x = sim.design(N, 2, 3);
    double[] mu = Simulated.means(x, new double[] {1.5, 0.5, -0.3, 0.4, 0.8});
    double[] y = sim.nb2(mu, 0.8);
    for (double ridge : new double[] {0, 0.5}) {
      FitInput in = FitInput.of(new ModelData(y, x, offsets(), weights(), null), ridge, false);
      Nb2Likelihood f = new Nb2Likelihood(in);
      for (double[] par : new double[][] {
          {1.3, 0.4, -0.2, 0.3, 0.6, 0.0},
          {1.8, 0.6, -0.4, 0.5, 1.0, -2.0},
          {0.5, 0.0, 0.0, 0.0, 0.0, 4.0}}) {
        assertClose(f.hessian(par), NewtonOptimizer.finiteDifferenceHessian(f, par));
      }
    }
  }

  private static double[] offsets() {
    double[] off = new double[N];
    for (int i = 0; i < N; i++) {
      off[i] = 0.1 * (i % 5) - 0.2;
    }
    return off;
  }

  private static double[] weights() {
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      w[i] = 1 + (i % 3);
    }
    return w;
  }

  /** Entrywise within 1e-6 of the largest entry: the differences' own error is ~1e-9 of it. */
  private static void assertClose(double[] analytic, double[] numeric) {
    double scale = 0;
    for (double v : numeric) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(analytic).hasSameSizeAs(numeric);
    for (int i = 0; i < numeric.length; i++) {
      assertThat(analytic[i]).as("entry %d", i).isCloseTo(numeric[i],
          org.assertj.core.data.Offset.offset(1e-6 * scale));
    }
  }
}
