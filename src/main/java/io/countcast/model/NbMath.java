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
    return logGamma(y + s) - logGamma(s) - y * Math.log(s);
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
    return digamma(y + s) - digamma(s);
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
    return trigamma(s) - trigamma(y + s);
  }

  /*
   * ψ, ψ′ and ln Γ for x > 0 by their asymptotic series, after moving x up to at least
   * ASYMPTOTIC_FROM by the recurrences. commons-math recurs up to 49 instead, one recursive call
   * per step, which made these the mean-dependent θ fit's bottleneck. From 10 on, the terms kept
   * leave a truncation error below 1e-15 relative (the next terms: 1/(12x¹⁴), 3617/(510x¹⁷) and
   * 3617/(122400x¹⁵)).
   */
  private static final double ASYMPTOTIC_FROM = 10;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  /** ψ(x) = ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ). */
  static double digamma(double x) {
    double acc = 0;
    for (; x < ASYMPTOTIC_FROM; x++) {
      acc -= 1 / x;
    }
    double r = 1 / x;
    double r2 = r * r;
    return acc + Math.log(x) - 0.5 * r - r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252
        - r2 * (1.0 / 240 - r2 * (1.0 / 132 - r2 * (691.0 / 32760))))));
  }

  /** ψ′(x) = 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹. */
  static double trigamma(double x) {
    double acc = 0;
    for (; x < ASYMPTOTIC_FROM; x++) {
      acc += 1 / (x * x);
    }
    double r = 1 / x;
    double r2 = r * r;
    return acc + r + r2 * (0.5 + r * (1.0 / 6 - r2 * (1.0 / 30 - r2 * (1.0 / 42 - r2 * (1.0 / 30
        - r2 * (5.0 / 66 - r2 * (691.0 / 2730 - r2 * (7.0 / 6))))))));
  }

  /** ln Γ(x) by Stirling's series, with ln Γ(x) = ln Γ(x+k) − ln(x(x+1)…(x+k−1)) below 10. */
  static double logGamma(double x) {
    double shift = 1;
    for (; x < ASYMPTOTIC_FROM; x++) {
      shift *= x;
    }
    double r = 1 / x;
    double r2 = r * r;
    double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
        - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156))))));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - Math.log(shift);
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
