package io.countcast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Poisson log-linear regression by IRLS, as R's {@code glm(family = poisson)}: start
 * μ = y + 0.1 (or η at {@link FitOptions#startBeta}), stop when the relative deviance change is below {@code tolerance} (R: 1e-8) or
 * after {@code maxIterations} (R: 25) with a warning. SEs from the final X'WX (dispersion 1).
 */
final class PoissonFitter {

  private PoissonFitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    Irls irls = new Irls(in, options.maxIterations(), options.tolerance());
    Irls.Result r = options.startBeta() == null ? irls.fitFromCounts(Double.POSITIVE_INFINITY)
        : irls.fitFromEta(Double.POSITIVE_INFINITY,
            Nb2Fitter.startingPoint(in, options.startBeta()));
    List<String> warnings = new ArrayList<>(r.warnings());
    Inference.addIfPresent(warnings, Inference.tinyMeansWarning(in, r.mu()));
    int before = warnings.size();
    double[] cov = Inference.covarianceOrNaN(r.information(), in.p, warnings);
    boolean converged = r.converged() && warnings.size() == before;
    double logLik = Likelihoods.poisson(in, r.mu());
    int k = in.p;
    return new FitResult(Family.POISSON, in.n,
        Inference.coefficients(in.names, r.beta(), 0, cov, in.p, options.confidenceLevel()),
        List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, logLik,
        Inference.aic(logLik, k), Inference.bic(logLik, k, in.n), r.deviance(),
        Inference.pearsonChi2(in, r.mu(), Double.POSITIVE_INFINITY), in.n - in.p, cov,
        r.iterations(), converged, warnings);
  }
}
