package io.countcast.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;

/** Wald inference and information criteria shared by all families. */
final class Inference {

  /**
   * Fitted means below this fraction of the average count are "numerically zero": the data can
   * only push a mean that far down when a coefficient is running off to −∞ (R's glm stops there
   * and reports convergence with a meaningless estimate and a huge SE).
   */
  private static final double TINY_MEAN_FRACTION = 1e-6;

  private Inference() {
  }

  /**
   * Coefficients for the parameters {@code from .. from+names.size()-1} of a parameter vector
   * with covariance {@code cov} (row-major, dimension {@code dim}).
   */
  static List<Coefficient> coefficients(List<String> names, double[] estimates, int from,
                                        double[] cov, int dim, double level) {
    double zc = zCritical(level);
    List<Coefficient> out = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      int k = from + j;
      double est = estimates[k];
      double var = cov[k * dim + k];
      double se = var >= 0 ? Math.sqrt(var) : Double.NaN;
      double z = est / se;
      double pValue = Erf.erfc(Math.abs(z) / Math.sqrt(2));
      out.add(new Coefficient(names.get(j), est, se, z, pValue, est - zc * se, est + zc * se));
    }
    return out;
  }

  /** The two-sided normal critical value for a confidence level, e.g. 1.96 for 0.95. */
  static double zCritical(double level) {
    return Math.sqrt(2) * Erf.erfInv(level);
  }

  static double aic(double logLik, int k) {
    return -2 * logLik + 2 * k;
  }

  static double bic(double logLik, int k, int n) {
    return -2 * logLik + k * Math.log(n);
  }

  /**
   * Inverse of an observed information matrix; if it is singular at the estimate, a NaN matrix
   * and a warning (the caller then reports the fit as not converged).
   */
  static double[] covarianceOrNaN(double[] information, int k, List<String> warnings) {
    try {
      return SymmetricSystem.inverse(information, k);
    } catch (ModelException e) {
      warnings.add("the observed information is singular at the estimate, so standard errors"
          + " are not available: some parameter is not identifiable from these data");
      double[] nan = new double[k * k];
      java.util.Arrays.fill(nan, Double.NaN);
      return nan;
    }
  }

  /** The leading square block of a row-major covariance matrix. */
  static double[] leadingBlock(double[] cov, int dim, int size) {
    double[] out = new double[size * size];
    for (int i = 0; i < size; i++) {
      System.arraycopy(cov, i * dim, out, i * size, size);
    }
    return out;
  }

  /** A warning if some fitted means are numerically zero, else null. */
  static String tinyMeansWarning(FitInput in, double[] mu) {
    double meanCount = 0;
    for (int i = 0; i < in.n; i++) {
      meanCount += in.weights[i] * in.y[i];
    }
    double threshold = TINY_MEAN_FRACTION * meanCount / in.weightSum();
    int count = 0;
    for (double m : mu) {
      if (m < threshold) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    return "fitted means are numerically 0 for " + count + " rows: a coefficient is drifting to"
        + " -infinity (e.g. a factor level with only zero counts); its estimate and SE are"
        + " not meaningful";
  }

  /** Σ w (y − μ)² / (μ + μ²/θ): Pearson χ² for NB2 (θ = ∞ gives Poisson). */
  static double pearsonChi2(FitInput in, double[] mu, double theta) {
    double s = 0;
    for (int i = 0; i < in.n; i++) {
      double m = mu[i];
      double r = in.y[i] - m;
      s += in.weights[i] * r * r / (m + m * m / theta);
    }
    return s;
  }

  /** Adds {@code warning} unless it is null. */
  static void addIfPresent(List<String> warnings, String warning) {
    if (warning != null) {
      warnings.add(warning);
    }
  }
}
