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
 * plain warning that Poisson is the better model instead of failing. A fit from
 * {@link FitOptions#startBeta} first tries Newton on (β, log θ) at once
 * ({@link #jointNewton}), and alternates only where that fails.
 */
final class Nb2Fitter {

  /** Smallest θ we carry on with when theta.ml truncates at zero. */
  private static final double THETA_FLOOR = 1e-8;
  /** θ above this multiple of the largest mean is indistinguishable from Poisson here. */
  private static final double POISSON_LIKE_RATIO = 1e3;

  private Nb2Fitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    if (options.startBeta() != null) {
      FitResult joint = jointNewton(in, options);
      if (joint != null) {
        return joint;
      }
    }
    return alternate(in, options);
  }

  /**
   * A warm-started fit by Newton on (β, log θ) at once, from the start β and θ.ml at its means:
   * from a neighbouring fit glm.nb's alternation needs 20–25 linearly converging rounds, Newton
   * 3–6 quadratically converging steps to the same maximum. One IRLS pass at the final θ then
   * gives the β information, deviance and means exactly as the alternation reports them, and
   * θ.ml from the final θ its SE. Null (so the caller alternates as glm.nb does) when Newton
   * does not converge or θ is not clearly finite and positive: there the alternation's own
   * warnings (no overdispersion, θ truncated at zero) say what happened.
   */
  private static FitResult jointNewton(FitInput in, FitOptions options) {
    int maxit = options.maxIterations();
    int p = in.p;
    double[] mu = means(startingPoint(in, options.startBeta()));
    ThetaMl.Estimate start = ThetaMl.fit(in, mu, maxit);
    if (start.truncatedAtZero() || start.limitReached() || !(start.theta() > THETA_FLOOR)) {
      return null;
    }
    double[] x0 = java.util.Arrays.copyOf(options.startBeta(), p + 1);
    x0[p] = Math.log(start.theta());
    NewtonOptimizer.Result r = NewtonOptimizer.minimise(new Nb2Likelihood(in), x0, maxit,
        Nb1Fitter.NEWTON_TOLERANCE);
    double theta = Math.exp(r.x()[p]);
    double[] eta = startingPoint(in, java.util.Arrays.copyOf(r.x(), p));
    if (!r.converged() || !(theta > THETA_FLOOR)
        || !(theta < POISSON_LIKE_RATIO * Math.max(1, max(means(eta))))) {
      return null;
    }
    Irls.Result fit = new Irls(in, maxit, options.tolerance()).fitFromEta(theta, eta);
    if (!fit.converged()) {
      return null;
    }
    ThetaMl.Estimate est = ThetaMl.fit(in, fit.mu(), maxit, theta);
    double th = floor(est.theta());
    return result(in, options, fit, est, th, Likelihoods.nb2(in, th, fit.mu()), theta,
        r.iterations(), false, new ArrayList<>());
  }

  /** glm.nb's algorithm (above). */
  private static FitResult alternate(FitInput in, FitOptions options) {
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
      mu = means(eta);
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
    return result(in, options, fit, est, th, lm, fitTheta, iter - 1, iter > maxit, warnings);
  }

  /**
   * The fit's result from its last IRLS fit (at θ {@code fitTheta}), θ estimate {@code th} and
   * log-likelihood {@code lm} at both.
   */
  private static FitResult result(FitInput in, FitOptions options, Irls.Result fit,
      ThetaMl.Estimate est, double th, double lm, double fitTheta, int iterations,
      boolean alternationLimit, List<String> warnings) {
    int maxit = options.maxIterations();
    double[] mu = fit.mu();
    boolean converged = fit.converged();
    warnings.addAll(fit.warnings());
    if (est.truncatedAtZero()) {
      warnings.add("theta estimate truncated at zero");
      converged = false;
    }
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
        in.n - in.p, cov, iterations, converged, warnings);
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

  private static double[] means(double[] eta) {
    double[] mu = new double[eta.length];
    for (int i = 0; i < eta.length; i++) {
      mu[i] = Math.exp(eta[i]);
    }
    return mu;
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
