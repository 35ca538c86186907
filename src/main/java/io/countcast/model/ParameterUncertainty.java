package io.countcast.model;

/**
 * The approximate posterior predictive distribution of one count: the count's distribution
 * averaged over the estimation error of the parameters, summarised by moment matching.
 *
 * <p>With η = x'β + offset, β ~ N(β̂, V̂) gives η ~ N(η̂, s²) with s² = x'V̂x, so the mean
 * μ = e^η is log-normal: E[μ] = e^{η̂ + s²/2} and E[μ²] = e^{2η̂ + 2s²}. The size parameter is
 * log-normal too, log θ ~ N(log θ̂, σ²) with σ = SE(θ̂)/θ̂ (the delta method), so
 * E[1/θ] = e^{σ²/2}/θ̂ (and E[α] = α̂·e^{σ²/2} for NB1). Writing each family as a Poisson
 * whose rate λ = μ·G has a Gamma factor G with mean 1 (variance 1/θ for NB2, α/μ for NB1, 0 for
 * Poisson), the count has mean m = E[μ] and variance m + Var(λ), with
 * <ul>
 *   <li>Poisson: Var(λ) = m²·(e^{s²} − 1);</li>
 *   <li>NB2, ZINB2 count part: Var(λ) = m²·(e^{s²} − 1 + e^{s²}·E[1/θ]);</li>
 *   <li>NB1: Var(λ) = m²·(e^{s²} − 1) + E[α]·m.</li>
 * </ul>
 * The predictive is the negative binomial with that mean and variance (size m²/Var(λ)): a
 * Gamma-mixed Poisson whose Gamma matches the first two moments of the true mixing law. This is
 * exact for s = σ = 0 (the plug-in distribution) and, being one closed-form distribution, costs
 * no more to evaluate than plug-in, which matters in backtests that score thousands of windows.
 * The ZINB2 zero probability π stays at its estimate.
 *
 * <p>s and σ are capped at {@value #MAX_LOG_SE}: beyond a factor e either side, the normal
 * approximation is not worth trusting (a coefficient running off to −∞, or θ̂ running off
 * towards Poisson, has a huge SE and a flat likelihood), and the moments would grow like
 * e^{s²} without bound. A non-finite s² or σ (a covariance that is not available) counts as 0,
 * i.e. that part stays plug-in.
 */
public final class ParameterUncertainty {

  /** Largest SE of η and of log θ (or log α) that is used. */
  static final double MAX_LOG_SE = 1.0;

  private ParameterUncertainty() {
  }

  /**
   * The approximate posterior predictive distribution.
   *
   * @param family the fitted family
   * @param eta η̂ = x'β̂ + offset of the count part
   * @param etaVariance s² = x'V̂x, the variance of η̂
   * @param dispersion θ̂ for NB2 and ZINB2, α̂ for NB1, ignored for Poisson
   * @param logDispersionSe SE of log θ̂ (or log α̂); ignored for Poisson
   * @param zeroProbability π for ZINB2, ignored otherwise
   */
  public static CountDistribution predictive(Family family, double eta, double etaVariance,
      double dispersion, double logDispersionSe, double zeroProbability) {
    double s2 = Double.isFinite(etaVariance)
        ? Math.min(Math.max(0, etaVariance), MAX_LOG_SE * MAX_LOG_SE) : 0;
    double sigma = Double.isFinite(logDispersionSe)
        ? Math.min(Math.abs(logDispersionSe), MAX_LOG_SE) : 0;
    double mean = Math.exp(eta + s2 / 2);
    if (mean == 0) {
      return family == Family.ZINB2 ? new ZeroInflatedCount(zeroProbability, new PoissonCount(0))
          : new PoissonCount(0);
    }
    double spread = Math.expm1(s2);
    double dispersionFactor = Math.exp(sigma * sigma / 2);
    return switch (family) {
      case POISSON -> spread == 0 ? new PoissonCount(mean) : nb(mean, 1 / spread);
      case NB2 -> nb(mean, 1 / (spread + (1 + spread) * dispersionFactor / dispersion));
      case ZINB2 -> new ZeroInflatedCount(zeroProbability,
          nb(mean, 1 / (spread + (1 + spread) * dispersionFactor / dispersion)));
      case NB1 -> nb(mean, mean / (mean * spread + dispersion * dispersionFactor));
    };
  }

  /** NB with the given size, or its Poisson limit when the size is infinite. */
  private static CountDistribution nb(double mean, double size) {
    return size == Double.POSITIVE_INFINITY ? new PoissonCount(mean)
        : new NegBinomialCount(mean, size);
  }

  /**
   * g'Σg over the leading {@code dim} parameters of a row-major covariance Σ of dimension
   * {@code covDim}: the variance of η = x'β̂ for g = x; never negative.
   */
  public static double quadraticForm(double[] g, int dim, double[] covariance, int covDim) {
    double var = 0;
    for (int a = 0; a < dim; a++) {
      double row = 0;
      for (int b = 0; b < dim; b++) {
        row += covariance[a * covDim + b] * g[b];
      }
      var += g[a] * row;
    }
    return Math.max(var, 0);
  }

  /**
   * The SE of log θ̂ (NB2, ZINB2) or log α̂ (NB1) of a fit: what {@link #predictive} takes as
   * {@code logDispersionSe}; NaN for Poisson.
   */
  public static double logDispersionSe(FitResult fit) {
    return switch (fit.family()) {
      case NB2, ZINB2 -> fit.logThetaStdError();
      case NB1 -> fit.logAlphaStdError();
      case POISSON -> Double.NaN;
    };
  }
}
