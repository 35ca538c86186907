package io.countcast.model;

import java.util.List;

/**
 * An immutable fit. Every result carries {@code iterations}, {@code converged} and warnings, so a
 * fit that stopped at its iteration limit is never mistaken for a good one.
 *
 * @param family the family fitted
 * @param n number of observations (rows with positive weight)
 * @param coefficients count-part coefficients, in design column order
 * @param zeroCoefficients zero-part (logit) coefficients; empty unless ZINB2
 * @param theta NB2/ZINB2 size θ (Var = μ + μ²/θ); NaN for other families
 * @param thetaStdError SE of θ; NaN where not applicable
 * @param alpha NB1 α (Var = μ(1+α)); NaN for other families
 * @param alphaStdError SE of α; NaN where not applicable
 * @param logLik maximised log-likelihood (with prior weights)
 * @param aic −2ℓ + 2k, k counting θ/α
 * @param bic −2ℓ + k·ln n
 * @param deviance residual deviance at the fitted θ (NaN where R reports none)
 * @param pearsonChi2 Σ w (y−μ)²/Var(μ)
 * @param dfResidual n − number of estimated parameters in the mean (R's df.residual)
 * @param covariance covariance of (β, γ) in that order, row-major, for the delta method
 * @param iterations outer iterations used
 * @param converged whether the convergence criterion was met
 * @param warnings plain-language warnings (e.g. "no overdispersion: theta → ∞")
 */
public record FitResult(Family family, int n, List<Coefficient> coefficients,
                        List<Coefficient> zeroCoefficients, double theta, double thetaStdError,
                        double alpha, double alphaStdError, double logLik, double aic, double bic,
                        double deviance, double pearsonChi2, int dfResidual, double[] covariance,
                        int iterations, boolean converged, List<String> warnings) {

  public FitResult {
    coefficients = List.copyOf(coefficients);
    zeroCoefficients = List.copyOf(zeroCoefficients);
    warnings = List.copyOf(warnings);
    covariance = covariance.clone();
  }

  @Override
  public double[] covariance() {
    return covariance.clone();
  }

  /** The count-part estimates β, in design column order. */
  public double[] beta() {
    return coefficients.stream().mapToDouble(Coefficient::estimate).toArray();
  }

  /**
   * SE of log θ (what pscl prints as {@code Log(theta)}'s SE): SE(θ)/θ by the delta method;
   * NaN where θ does not apply.
   */
  public double logThetaStdError() {
    return thetaStdError / theta;
  }

  /** SE of log α (glmmTMB's dispersion parameter scale): SE(α)/α; NaN where α does not apply. */
  public double logAlphaStdError() {
    return alphaStdError / alpha;
  }

  /** The zero-part estimates γ (empty unless ZINB2). */
  public double[] gamma() {
    return zeroCoefficients.stream().mapToDouble(Coefficient::estimate).toArray();
  }
}
