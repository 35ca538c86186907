package io.countcast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Poisson log-linear regression by IRLS, as R's {@code glm(family = poisson)}: start
 * μ = y + 0.1, stop when the relative deviance change is below {@code tolerance} (R: 1e-8) or
 * after {@code maxIterations} (R: 25) with a warning. SEs from the final X'WX (dispersion 1).
 */
final class PoissonFitter {

  private PoissonFitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    Irls.Result r = new Irls(in, options.maxIterations(), options.tolerance())
        .fitFromCounts(Double.POSITIVE_INFINITY);
    List<String> warnings = new ArrayList<>(r.warnings());
    addIfPresent(warnings, Inference.tinyMeansWarning(in, r.mu()));
    double[] cov = SymmetricSystem.inverse(r.information(), in.p);
    double logLik = Likelihoods.poisson(in, r.mu());
    int k = in.p;
    return new FitResult(Family.POISSON, in.n,
        Inference.coefficients(in.names, r.beta(), 0, cov, in.p, options.confidenceLevel()),
        List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, logLik,
        Inference.aic(logLik, k), Inference.bic(logLik, k, in.n), r.deviance(),
        pearson(in, r.mu(), Double.POSITIVE_INFINITY), in.n - in.p, cov, r.iterations(),
        r.converged(), warnings);
  }

  /** Σ w (y − μ)² / (μ + μ²/θ). */
  static double pearson(FitInput in, double[] mu, double theta) {
    double s = 0;
    for (int i = 0; i < in.n; i++) {
      double m = mu[i];
      double r = in.y[i] - m;
      s += in.weights[i] * r * r / (m + m * m / theta);
    }
    return s;
  }

  static void addIfPresent(List<String> warnings, String warning) {
    if (warning != null) {
      warnings.add(warning);
    }
  }
}
