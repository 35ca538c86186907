package io.countcast.model;

import org.apache.commons.math3.special.Gamma;

/**
 * Differences of Γ-family functions at (y + s) and s that appear in every negative binomial
 * likelihood. For small integer y they are finite sums, which avoids the cancellation of
 * {@code digamma(y+s) - digamma(s)} when s is huge (the Poisson limit); for large y the special
 * functions are used directly. Public for the series layer's mean-dependent θ fit, which
 * evaluates the same NB2 terms with a different θ on every row.
 */
public final class NbMath {

  /** Up to this count the finite sums are used; beyond, the special functions. */
  private static final int SUM_LIMIT = 24;

  private NbMath() {
  }

  /** ln Γ(y+s) − ln Γ(s) − y·ln s = Σ_{j<y} log1p(j/s), for integer y ≥ 0 and s > 0. */
  public static double logGammaRatioScaled(double y, double s) {
    if (y <= SUM_LIMIT) {
      double acc = 0;
      for (int j = 1; j < y; j++) {
        acc += Math.log1p(j / s);
      }
      return acc;
    }
    return Gamma.logGamma(y + s) - Gamma.logGamma(s) - y * Math.log(s);
  }

  /** ψ(y+s) − ψ(s) = Σ_{j<y} 1/(s+j). */
  public static double digammaDiff(double y, double s) {
    if (y <= SUM_LIMIT) {
      double acc = 0;
      for (int j = 0; j < y; j++) {
        acc += 1.0 / (s + j);
      }
      return acc;
    }
    return Gamma.digamma(y + s) - Gamma.digamma(s);
  }

  /** ψ′(s) − ψ′(y+s) = Σ_{j<y} 1/(s+j)² (non-negative). */
  public static double trigammaDiff(double y, double s) {
    if (y <= SUM_LIMIT) {
      double acc = 0;
      for (int j = 0; j < y; j++) {
        double t = s + j;
        acc += 1.0 / (t * t);
      }
      return acc;
    }
    return Gamma.trigamma(s) - Gamma.trigamma(y + s);
  }

  /** ln y! for integer y ≥ 0. */
  static double logFactorial(double y) {
    return y < 2 ? 0.0 : Gamma.logGamma(y + 1);
  }

  /**
   * ln(1 + x) to within a few ulps, from the JIT-intrinsic {@link Math#log}. In Java 17
   * {@link Math#log1p} is a native fdlibm call costing several times as much, and the NB2 fit
   * evaluates it for every row in every deviance, likelihood and θ step. With u = fl(1 + x), the
   * factor x/(u − 1) corrects the rounding of 1 + x (Goldberg 1991, Theorem 4).
   */
  public static double log1p(double x) {
    double u = 1.0 + x;
    if (u == 1.0) {
      return x;
    }
    if (u == Double.POSITIVE_INFINITY) {
      return Math.log1p(x);
    }
    return Math.log(u) * (x / (u - 1.0));
  }

  /** ln(1 + e^x) without overflow. */
  static double log1pExp(double x) {
    return x > 35 ? x : x < -35 ? Math.exp(x) : Math.log1p(Math.exp(x));
  }

  /** The logistic function 1/(1+e^−x). */
  static double logistic(double x) {
    return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
  }
}
