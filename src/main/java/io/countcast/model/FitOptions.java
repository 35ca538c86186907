package io.countcast.model;

import java.util.Arrays;

/**
 * Options for {@link CountRegression#fit}. Validated on construction, so a fitter never runs with
 * nonsense settings.
 *
 * @param family the distribution to fit
 * @param maxIterations outer iterations (IRLS steps for Poisson and for each NB2 refit, θ.ml
 *     Newton steps and alternations for NB2 — all as in R; Newton steps for NB1 and ZINB2, which
 *     always get at least 100 and 200 because their start values are cruder)
 * @param tolerance convergence tolerance for Poisson and NB2: the relative deviance change that
 *     glm.fit uses and glm.nb's alternation criterion (R default 1e-8). NB1 and ZINB2 instead
 *     stop when the Newton decrement is below 1e-12·(1+|ℓ|), which is tighter.
 * @param ridge L2 penalty λ on non-intercept coefficients, added as λ·I to X'WX; 0 turns it off
 * @param confidenceLevel level of the coefficient confidence intervals (e.g. 0.95)
 * @param startBeta NB2 and Poisson: coefficients to start from instead of R's start (μ = y + 0.1,
 *     and for NB2 the Poisson fit from there), e.g. a Poisson fit of the same design, an NB2 fit
 *     of a similar one, or the previous origin's fit in a backtest; NB2 then takes Newton
 *     steps on (β, log θ) at once instead of glm.nb's alternation (and alternates, from the
 *     current θ, only where Newton fails). The estimates agree with R's start to the tolerance
 *     (the same maximum; SE(θ) is taken at a slightly different iterate), and the fit saves
 *     the start fit and most of the alternations. Null, the default, is
 *     R's start and R's numbers. ZINB2: the whole parameter vector (β, γ, log θ), e.g. a
 *     ZINB2 fit of a similar design, instead of pscl's start (the Poisson fit, a logistic fit
 *     of the zeros, θ = 1); Newton reaches the same maximum in fewer steps. Not copied: the
 *     caller must not change it during the fit.
 */
public record FitOptions(Family family, int maxIterations, double tolerance, double ridge,
                         double confidenceLevel, double[] startBeta) {

  public FitOptions {
    if (family == null) {
      throw new IllegalArgumentException("family is required");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    if (!(tolerance > 0) || tolerance >= 1) {
      throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
    }
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("ridge must be finite and >= 0, got " + ridge);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException(
          "confidenceLevel must be in (0, 1), got " + confidenceLevel);
    }
    if (startBeta != null && family == Family.NB1) {
      throw new IllegalArgumentException("startBeta is only used by nb2, poisson and zinb2, not "
          + family.id());
    }
    if (startBeta != null && !Arrays.stream(startBeta).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException("startBeta must be finite");
    }
  }

  /** Options with R's start values. */
  public FitOptions(Family family, int maxIterations, double tolerance, double ridge,
                    double confidenceLevel) {
    this(family, maxIterations, tolerance, ridge, confidenceLevel, null);
  }

  /** R's defaults: 25 outer iterations, 1e-8, no ridge, 95% intervals. */
  public static FitOptions defaults(Family family) {
    return new FitOptions(family, 25, 1e-8, 0.0, 0.95);
  }

  /** The same options for another family, with R's start (start values are per family). */
  public FitOptions withFamily(Family f) {
    return new FitOptions(f, maxIterations, tolerance, ridge, confidenceLevel);
  }

  public FitOptions withRidge(double lambda) {
    return new FitOptions(family, maxIterations, tolerance, lambda, confidenceLevel, startBeta);
  }

  /** These options starting from {@code beta} (see {@link #startBeta}); null for R's start. */
  public FitOptions withStartBeta(double[] beta) {
    return new FitOptions(family, maxIterations, tolerance, ridge, confidenceLevel, beta);
  }
}
