package io.countcast.model.data;

import io.countcast.model.DesignMatrix;
import io.countcast.model.ModelData;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Deterministic NB2 benchmark data: an intercept, {@code numeric} normal covariates and a factor
 * in treatment coding (columns {@code (Intercept), x1.., fb, fc, ..}), counts drawn as a
 * gamma–Poisson mixture (λ ~ Gamma(θ, μ/θ), Y | λ ~ Poisson(λ), which is NB2(μ, θ)). The same seed
 * gives the same data on every machine, so speed measurements can be repeated.
 */
public final class SyntheticNb2 {

  private SyntheticNb2() {
  }

  /**
   * Generates the data.
   *
   * @param rows number of rows
   * @param seed generator seed
   * @param beta true coefficients: intercept, {@code numeric} slopes, then levels − 1 factor effects
   * @param numeric number of covariates
   * @param covariateSd their standard deviation
   * @param theta true NB2 size θ
   */
  public static ModelData generate(int rows, long seed, double[] beta, int numeric,
                                   double covariateSd, double theta) {
    int p = beta.length;
    int levels = p - numeric;
    if (levels < 1) {
      throw new IllegalArgumentException("beta needs 1 + " + numeric + " + (levels - 1) values");
    }
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    List<String> names = new ArrayList<>(List.of("(Intercept)"));
    for (int j = 1; j <= numeric; j++) {
      names.add("x" + j);
    }
    for (int k = 1; k < levels; k++) {
      names.add("f" + (char) ('a' + k));
    }
    double[] x = new double[rows * p];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      int row = i * p;
      x[row] = 1;
      for (int j = 1; j <= numeric; j++) {
        x[row + j] = random.nextGaussian(0, covariateSd);
      }
      int level = random.nextInt(0, levels - 1);
      if (level > 0) {
        x[row + numeric + level] = 1;
      }
      double eta = 0;
      for (int j = 0; j < p; j++) {
        eta += x[row + j] * beta[j];
      }
      double lambda = random.nextGamma(theta, Math.exp(eta) / theta);
      y[i] = lambda > 0 ? random.nextPoisson(lambda) : 0;
    }
    return ModelData.of(y, new DesignMatrix(names, rows, x));
  }
}
