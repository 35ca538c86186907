package io.countcast.model;

import org.apache.commons.math3.special.Gamma;

/** Poisson(λ): also the limit of the NB as its size grows without bound. */
public record PoissonCount(double mean) implements CountDistribution {

  public PoissonCount {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("Poisson mean must be finite and >= 0, got " + mean);
    }
  }

  @Override
  public double pmf(long k) {
    return Math.exp(logPmf(k));
  }

  @Override
  public double logPmf(long k) {
    if (k < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (mean == 0) {
      return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    return k * Math.log(mean) - mean - NbMath.logFactorial(k);
  }

  /** P(k+1)/P(k) = λ/(k + 1). */
  @Override
  public void pmfs(long from, double[] out) {
    CountDistribution.pmfsByRatio(this, from, out, k -> k < 0 ? 0 : mean / (k + 1));
  }

  @Override
  public double cdf(long k) {
    if (k < 0) {
      return 0;
    }
    return mean == 0 ? 1 : Gamma.regularizedGammaQ(k + 1.0, mean);
  }

  @Override
  public double exceedance(long k) {
    if (k < 0) {
      return 1;
    }
    return mean == 0 ? 0 : Gamma.regularizedGammaP(k + 1.0, mean);
  }

  @Override
  public double variance() {
    return mean;
  }
}
