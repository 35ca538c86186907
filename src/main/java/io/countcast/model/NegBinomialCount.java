package io.countcast.model;

import org.apache.commons.math3.special.Beta;

/**
 * Negative binomial with mean μ and real size s (R's {@code dnbinom(k, size = s, mu = μ)}):
 * Var = μ + μ²/s. NB2 uses s = θ; NB1 uses s = μ/α. The CDF is the regularized incomplete beta
 * I_p(s, k+1) with p = s/(s+μ), so s need not be an integer. When s exceeds 1e8·max(μ, 1) the
 * distribution is Poisson to 8 digits and is evaluated as such, which keeps huge θ free of NaN.
 */
public record NegBinomialCount(double mean, double size) implements CountDistribution {

  private static final double POISSON_LIMIT = 1e8;

  public NegBinomialCount {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("NB mean must be finite and >= 0, got " + mean);
    }
    if (!(size > 0)) {
      throw new IllegalArgumentException("NB size must be > 0, got " + size);
    }
  }

  /** The NB1 distribution with Var = μ(1+α): size μ/α. */
  public static NegBinomialCount nb1(double mean, double alpha) {
    return new NegBinomialCount(mean, mean / alpha);
  }

  private PoissonCount poissonLimit() {
    return size > POISSON_LIMIT * Math.max(mean, 1) ? new PoissonCount(mean) : null;
  }

  @Override
  public double pmf(long k) {
    return Math.exp(logPmf(k));
  }

  @Override
  public double logPmf(long k) {
    PoissonCount poisson = poissonLimit();
    if (poisson != null) {
      return poisson.logPmf(k);
    }
    if (k < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (mean == 0) {
      return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    // ln Γ(k+s) − ln Γ(s) − ln k! + s ln(s/(s+μ)) + k ln(μ/(s+μ)), rearranged to stay exact
    // for large s.
    return NbMath.logGammaRatioScaled(k, size) - NbMath.logFactorial(k) + k * Math.log(mean)
        - (size + k) * Math.log1p(mean / size);
  }

  /** P(k+1)/P(k) = (k + s)/(k + 1) · μ/(μ + s). */
  @Override
  public void pmfs(long from, double[] out) {
    PoissonCount poisson = poissonLimit();
    if (poisson != null) {
      poisson.pmfs(from, out);
      return;
    }
    double q = mean / (mean + size);
    CountDistribution.pmfsByRatio(this, from, out, k -> k < 0 ? 0 : (k + size) / (k + 1) * q);
  }

  @Override
  public double cdf(long k) {
    PoissonCount poisson = poissonLimit();
    if (poisson != null) {
      return poisson.cdf(k);
    }
    if (k < 0) {
      return 0;
    }
    return mean == 0 ? 1 : Beta.regularizedBeta(size / (size + mean), size, k + 1.0);
  }

  @Override
  public double exceedance(long k) {
    PoissonCount poisson = poissonLimit();
    if (poisson != null) {
      return poisson.exceedance(k);
    }
    if (k < 0) {
      return 1;
    }
    return mean == 0 ? 0 : Beta.regularizedBeta(mean / (size + mean), k + 1.0, size);
  }

  @Override
  public double variance() {
    return mean + mean * mean / size;
  }
}
