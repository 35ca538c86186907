package io.countcast.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NB2 regression by the algorithm of {@code MASS::glm.nb}, reproduced so the numbers match R:
 * <ol>
 *   <li>a Poisson IRLS fit (μ start y + 0.1), or the means at {@link FitOptions#startBeta};</li>
 *   <li>θ from {@link ThetaMl} at the Poisson means;</li>
 *   <li>alternate, at most {@code maxIterations} times and while
 *       |ℓ₀ − ℓ|/d₁ + |Δθ| &gt; {@code tolerance} with d₁ = √(2·max(1, df)): an IRLS refit at
 *       fixed θ warm-started from η, then θ.ml at the means from <em>before</em> that refit
 *       (from the moment estimate as in R, or from the current θ after a
 *       {@link FitOptions#startBeta} start);</li>
 *   <li>β SEs from the final IRLS X'WX (dispersion 1, no β–θ covariance: their expected cross
 *       information is 0); SE(θ) from θ's observed information; AIC = −2ℓ + 2(p + 1).</li>
 * </ol>
 * Deviance and Pearson χ² are those of the final IRLS fit (at the θ it used), as R reports them.
 * When the data show no overdispersion θ runs off to infinity; the fit then finishes with a
 * plain warning that Poisson is the better model instead of failing.
 */
final class Nb2Fitter {

  /** Smallest θ we carry on with when theta.ml truncates at zero. */
  private static final double THETA_FLOOR = 1e-8;
  /** θ above this multiple of the largest mean is indistinguishable from Poisson here. */
  private static final double POISSON_LIKE_RATIO = 1e3;

  private Nb2Fitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    int maxit = options.maxIterations();
    double eps = options.tolerance();
    Irls irls = new Irls(in, maxit, eps);
    boolean warm = options.startBeta() != null;
    List<String> warnings = new ArrayList<>();
    Irls.Result fit = null; // the alternation below always runs at least once and sets it
    double[] eta;
    double[] mu;
    if (!warm) {
      fit = irls.fitFromCounts(Double.POSITIVE_INFINITY);
      if (!fit.converged()) {
        warnings.add("initial Poisson fit: " + String.join("; ", fit.warnings()));
      }
      eta = fit.eta();
      mu = fit.mu();
    } else {
      eta = startingPoint(in, options.startBeta());
      mu = new double[in.n];
      for (int i = 0; i < in.n; i++) {
        mu[i] = Math.exp(eta[i]);
      }
    }
    ThetaMl.Estimate est = ThetaMl.fit(in, mu, maxit);
    double th = floor(est.theta());
    double d1 = Math.sqrt(2 * Math.max(1, in.n - in.p));
    double del = 1;
    double lm = Likelihoods.nb2(in, th, mu);
    double lm0 = lm + 2 * d1;
    int iter = 0;
    while (++iter <= maxit && Math.abs(lm0 - lm) / d1 + Math.abs(del) > eps) {
      fit = irls.fitFromEta(th, eta);
      double t0 = th;
      // R restarts theta.ml from the moment estimate every time; a warm-started fit, which
      // already gave up R's exact numbers for speed, continues from the current θ instead.
      est = ThetaMl.fit(in, mu, maxit, warm ? th : Double.NaN);
      th = floor(est.theta());
      eta = fit.eta();
      mu = fit.mu();
      del = t0 - th;
      lm0 = lm;
      lm = Likelihoods.nb2(in, th, mu);
    }
    // The fitted β, deviance and Pearson statistic belong to the last IRLS fit, at its θ.
    double fitTheta = iter > 1 ? th + del : th;
    boolean converged = fit.converged();
    warnings.addAll(fit.warnings());
    if (est.truncatedAtZero()) {
      warnings.add("theta estimate truncated at zero");
      converged = false;
    }
    boolean alternationLimit = iter > maxit;
    double maxMu = max(mu);
    if (th > POISSON_LIKE_RATIO * Math.max(1, maxMu)
        && (est.limitReached() || alternationLimit)) {
      warnings.add(String.format(Locale.ROOT, "no overdispersion: theta diverged to %.2g;"
          + " Poisson is the better model", th));
    } else {
      if (est.limitReached()) {
        warnings.add("theta.ml: iteration limit reached");
      }
      if (alternationLimit) {
        warnings.add("alternation limit reached: theta and beta did not settle in " + maxit
            + " alternations");
        converged = false;
      }
    }
    Inference.addIfPresent(warnings, Inference.tinyMeansWarning(in, mu));
    int before = warnings.size();
    double[] cov = Inference.covarianceOrNaN(fit.information(), in.p, warnings);
    converged &= warnings.size() == before;
    int k = in.p + 1;
    return new FitResult(Family.NB2, in.n,
        Inference.coefficients(in.names, fit.beta(), 0, cov, in.p, options.confidenceLevel()),
        List.of(), th, est.stdError(), Double.NaN, Double.NaN, lm, Inference.aic(lm, k),
        Inference.bic(lm, k, in.n), fit.deviance(), Inference.pearsonChi2(in, mu, fitTheta),
        in.n - in.p, cov, iter - 1, converged, warnings);
  }

  /** η = offset + Xβ at the given start, computed as IRLS computes it (same values). */
  static double[] startingPoint(FitInput in, double[] beta) {
    if (beta.length != in.p) {
      throw new IllegalArgumentException("startBeta has " + beta.length
          + " values but the design has " + in.p + " columns");
    }
    double[] eta = new double[in.n];
    in.linearPredictor(beta, eta, 0, in.n);
    return eta;
  }

  private static double floor(double theta) {
    return Math.max(theta, THETA_FLOOR);
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
