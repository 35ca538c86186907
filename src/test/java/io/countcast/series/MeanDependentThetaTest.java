package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.math3.special.Gamma;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The θ(μ) fit finds the maximum of the NB2 log-likelihood in (a, b). */
class MeanDependentThetaTest {

  @Test
  void fitIsTheMaximumOfTheDirectLogLikelihood() {
    // Small counts use the finite sums, large ones the special functions: test both.
    for (double scale : new double[] {0.5, 80}) {
      Random random = new Random(7);
      int n = 1500;
      double[] y = new double[n];
      double[] mu = new double[n];
      for (int i = 0; i < n; i++) {
        mu[i] = scale * Math.exp(0.6 * random.nextGaussian());
        // θ falls with μ: θ = 3 (μ/scale)^−0.3, drawn as Poisson(μ·Gamma(θ)/θ)
        double theta = 3 * Math.pow(mu[i] / scale, -0.3);
        y[i] = poisson(random, mu[i] * gamma(random, theta) / theta);
      }
      MeanDependentTheta fit = MeanDependentTheta.fit(y, mu, 3);
      assertThat(fit).isNotNull();
      double best = direct(y, mu, fit.a(), fit.b(), fit.center());
      assertThat(fit.logLik()).as("scale %s", scale).isCloseTo(best,
          Offset.offset(1e-8 * Math.abs(best)));
      for (double[] d : new double[][] {{1e-3, 0}, {-1e-3, 0}, {0, 1e-3}, {0, -1e-3}}) {
        assertThat(direct(y, mu, fit.a() + d[0], fit.b() + d[1], fit.center()))
            .as("scale %s, moved by (%s, %s)", scale, d[0], d[1]).isLessThan(best);
      }
      if (scale > 10) {
        // With means near 0.5 the counts say little about θ; with means near 80, b is clear.
        assertThat(fit.b()).isNegative();
      }
    }
  }

  /** ℓ written out with ln Γ, independently of the fit's finite-sum forms. */
  private static double direct(double[] y, double[] mu, double a, double b, double center) {
    double ll = 0;
    for (int i = 0; i < y.length; i++) {
      double t = Math.exp(a + b * (Math.log(mu[i]) - center));
      ll += Gamma.logGamma(y[i] + t) - Gamma.logGamma(t) - Gamma.logGamma(y[i] + 1)
          + t * Math.log(t / (t + mu[i])) + y[i] * Math.log(mu[i] / (t + mu[i]));
    }
    return ll;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (shape ≥ 1; boosted below 1). */
  private static double gamma(Random r, double shape) {
    if (shape < 1) {
      return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(r.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double poisson(Random r, double lambda) {
    if (lambda > 500) {
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }
    double p = Math.exp(-lambda);
    double cdf = p;
    double u = r.nextDouble();
    int k = 0;
    while (u > cdf && k < 100_000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
}
