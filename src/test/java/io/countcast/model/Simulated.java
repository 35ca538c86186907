package io.countcast.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Deterministic simulated count data for tests: an intercept, {@code numeric} standard-normal
 * columns and the dummies of a factor with {@code levels} levels, with NB2, NB1 or ZINB2 counts.
 */
final class Simulated {

  private final RandomDataGenerator rng;

  Simulated(long seed) {
    this.rng = new RandomDataGenerator(new Well19937c(seed));
  }

  /** Intercept + numeric columns x1..xk + factor dummies fb, fc, ... (level a is the reference). */
  DesignMatrix design(int n, int numeric, int levels) {
    List<String> names = new ArrayList<>();
    names.add("(Intercept)");
    for (int j = 1; j <= numeric; j++) {
      names.add("x" + j);
    }
    for (int l = 1; l < levels; l++) {
      names.add("f" + (char) ('a' + l));
    }
    int p = names.size();
    double[] v = new double[n * p];
    for (int i = 0; i < n; i++) {
      v[i * p] = 1;
      for (int j = 1; j <= numeric; j++) {
        v[i * p + j] = rng.nextGaussian(0, 1);
      }
      int level = levels > 1 ? rng.nextInt(0, levels - 1) : 0;
      if (level > 0) {
        v[i * p + numeric + level] = 1;
      }
    }
    return new DesignMatrix(names, n, v);
  }

  static double[] means(DesignMatrix x, double[] beta) {
    double[] mu = new double[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
      double eta = 0;
      for (int j = 0; j < beta.length; j++) {
        eta += x.get(i, j) * beta[j];
      }
      mu[i] = Math.exp(eta);
    }
    return mu;
  }

  /** A negative binomial draw as a gamma–Poisson mixture. */
  double negativeBinomial(double mean, double size) {
    double lambda = rng.nextGamma(size, mean / size);
    return lambda > 0 ? rng.nextPoisson(lambda) : 0;
  }

  double[] nb2(double[] mu, double theta) {
    double[] y = new double[mu.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = negativeBinomial(mu[i], theta);
    }
    return y;
  }

  double[] nb1(double[] mu, double alpha) {
    double[] y = new double[mu.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = negativeBinomial(mu[i], mu[i] / alpha);
    }
    return y;
  }

  /** ZINB2 counts: a structural zero with probability pi[i], else NB2(mu[i], theta). */
  double[] zinb2(double[] mu, double[] pi, double theta) {
    double[] y = new double[mu.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextUniform(0, 1) < pi[i] ? 0 : negativeBinomial(mu[i], theta);
    }
    return y;
  }

  double[] poisson(double[] mu) {
    double[] y = new double[mu.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextPoisson(mu[i]);
    }
    return y;
  }

  double uniform(double lo, double hi) {
    return rng.nextUniform(lo, hi);
  }
}
