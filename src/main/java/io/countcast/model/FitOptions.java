package io.countcast.model;

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
 */
public record FitOptions(Family family, int maxIterations, double tolerance, double ridge,
                         double confidenceLevel) {

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
  }

  /** R's defaults: 25 outer iterations, 1e-8, no ridge, 95% intervals. */
  public static FitOptions defaults(Family family) {
    return new FitOptions(family, 25, 1e-8, 0.0, 0.95);
  }

  public FitOptions withFamily(Family f) {
    return new FitOptions(f, maxIterations, tolerance, ridge, confidenceLevel);
  }

  public FitOptions withRidge(double lambda) {
    return new FitOptions(family, maxIterations, tolerance, lambda, confidenceLevel);
  }
}
