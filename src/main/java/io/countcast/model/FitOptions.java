package io.countcast.model;

/**
 * Options for {@link CountRegression#fit}. Validated on construction, so a fitter never runs with
 * nonsense settings.
 *
 * @param family the distribution to fit
 * @param maxIterations outer iterations (IRLS for Poisson, alternations for NB2, quasi-Newton
 *     steps for NB1 and ZINB2)
 * @param tolerance convergence tolerance; for Poisson and NB2 the relative deviance change that
 *     glm.fit uses (R default 1e-8)
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
