package io.countcast.model;

/**
 * A distribution on the non-negative integers: the predictive distribution of one count.
 * Quantiles follow R's convention: the smallest k with F(k) ≥ p (with R's tiny fuzz of
 * 64 machine epsilons so that p equal to a CDF value maps to that k).
 */
public interface CountDistribution {

  /**
   * The largest count a quantile reports: 2^53, beyond which a double no longer holds every
   * integer. A quantile beyond it (an absurd mean or a vanishing NB size, e.g. from a
   * extrapolated lag) is reported as this value rather than failing.
   */
  long MAX_QUANTILE = 1L << 53;

  double pmf(long k);

  double logPmf(long k);

  /**
   * Fills {@code out[j]} with P(Y = from + j): what a sum over a run of counts (the CRPS) needs.
   * The default calls {@link #pmf} for each; NB and Poisson override it with the ratio
   * P(k+1)/P(k), a few multiplications a term instead of three log-gamma functions.
   */
  default void pmfs(long from, double[] out) {
    for (int j = 0; j < out.length; j++) {
      out[j] = pmf(from + j);
    }
  }

  /**
   * P(from + j) for j in [0, out.length) by {@code P(k+1) = P(k)·ratio(k)}, anchored on the exact
   * {@code pmf} every {@value #RATIO_RUN} terms (and wherever the run underflowed to 0), so the
   * rounding of the products stays below ~1e-13 relative.
   */
  static void pmfsByRatio(CountDistribution d, long from, double[] out,
      java.util.function.LongToDoubleFunction ratio) {
    double p = 0;
    for (int j = 0; j < out.length; j++) {
      long k = from + j;
      if (j % RATIO_RUN == 0 || p == 0) {
        p = d.pmf(k);
      } else {
        p *= ratio.applyAsDouble(k - 1);
      }
      out[j] = p;
    }
  }

  /** Terms between exact anchors in {@link #pmfsByRatio}. */
  int RATIO_RUN = 64;

  /** P(Y ≤ k); 0 for k &lt; 0. */
  double cdf(long k);

  /** P(Y &gt; k) = 1 − F(k), computed directly where possible so small tails keep precision. */
  double exceedance(long k);

  double mean();

  double variance();

  /**
   * The smallest k with F(k) ≥ p, for p in [0, 1). The search starts at the normal approximation
   * and brackets the answer by doubling steps, then bisects, so it costs O(log k) CDF calls even
   * for a mean of 5000 with a tiny NB size. Saturates at {@link #MAX_QUANTILE}; a CDF that
   * cannot be evaluated (NaN) counts as not reaching p, so it also ends there.
   */
  default long quantile(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1), got " + p);
    }
    double target = p * (1 - 64 * Math.ulp(1.0));
    double sd = Math.sqrt(variance());
    double z = Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfInv(2 * p - 1);
    double guess = Math.floor(mean() + z * sd);
    long start = Double.isFinite(guess) ? (long) Math.max(0, Math.min(guess, 1e15)) : 0;
    long lo;
    long hi;
    if (reaches(start, target)) {
      hi = start;
      long step = 1;
      lo = start - step;
      while (lo >= 0 && reaches(lo, target)) {
        hi = lo;
        step *= 2;
        lo = hi - step;
      }
      lo = Math.max(lo, -1);
    } else {
      lo = start;
      long step = 1;
      hi = start + step;
      while (!reaches(hi, target)) {
        if (hi >= MAX_QUANTILE) {
          return MAX_QUANTILE;
        }
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
    }
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (reaches(mid, target)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return Math.min(hi, MAX_QUANTILE);
  }

  /** F(k) ≥ target, judged on the upper tail when the target is close to 1. */
  private boolean reaches(long k, double target) {
    if (k < 0) {
      return target <= 0;
    }
    return target > 0.5 ? exceedance(k) <= 1 - target : cdf(k) >= target;
  }
}
