package io.countcast.series;

import io.countcast.model.CountDistribution;

/**
 * Proper scores of one predictive count distribution against one observed count.
 *
 * <ul>
 *   <li>CRPS for counts (the ranked probability score with unbounded categories):
 *       Σ_{k ≥ 0} (F(k) − 1{y ≤ k})², lower is better; for a point mass at m it is |y − m|;
 *   <li>interval (Winkler) score of a central (1 − α) interval [l, u]:
 *       (u − l) + (2/α)(l − y)·1{y &lt; l} + (2/α)(y − u)·1{y &gt; u}, lower is better;
 *   <li>randomized PIT u = F(y−1) + V·(F(y) − F(y−1)) for a given V in [0, 1).
 * </ul>
 */
public final class CountScores {

  /** CDF values within this of 0 or 1 end the exact sum: the terms left are below it squared. */
  private static final double TAIL = 1e-10;
  /** The exact sum takes at most this many terms; wider distributions are summed on a grid. */
  private static final long MAX_TERMS = 100_000;
  /** Points of the geometric grid for distributions wider than {@link #MAX_TERMS}. */
  private static final int GRID = 4_000;

  private CountScores() {
  }

  /**
   * The CRPS of {@code p} at {@code y}. Terms are summed exactly (F by accumulating the pmf)
   * between the lower tail quantile (or y, if smaller) and the upper one (or y, if larger); the
   * terms outside are below 1e-20 each. A distribution wider than 100,000 counts (an absurd mean
   * or a vanishing NB size) is summed on a geometric grid of 4,000 points from the nearer end,
   * each term standing for the counts up to the next point: finite, and close enough to rank a
   * forecast that is off by orders of magnitude.
   */
  public static double crps(CountDistribution p, long y) {
    long lo = Math.min(y, p.quantile(TAIL));
    long hi = Math.max(y, p.quantile(1 - TAIL));
    if (hi - lo > MAX_TERMS) {
      return crpsOnGrid(p, y, lo, hi);
    }
    double f = lo > 0 ? p.cdf(lo - 1) : 0.0;
    double[] pmf = new double[(int) (hi - lo + 1)];
    p.pmfs(lo, pmf);
    double sum = 0;
    for (long k = lo; k <= hi; k++) {
      f = Math.min(1.0, f + pmf[(int) (k - lo)]);
      double d = k >= y ? 1.0 - f : f;
      sum += d * d;
    }
    // below lo every F(k) ≤ TAIL (when lo < y); above hi every 1 − F(k) ≤ TAIL: both negligible
    return sum;
  }

  private static double crpsOnGrid(CountDistribution p, long y, long lo, long hi) {
    double logWidth = Math.log(hi - lo + 1.0);
    double sum = 0;
    long k = lo;
    for (int i = 1; i <= GRID && k <= hi; i++) {
      long next = Math.max(k + 1, lo + (long) Math.floor(Math.exp(i * logWidth / GRID)) - 1);
      if (k < y && next > y) {
        next = y; // the indicator switches at y: keep it on a grid point
      }
      double f = p.cdf(k);
      double d = k >= y ? 1.0 - f : f;
      sum += d * d * (Math.min(next, hi + 1) - k);
      k = next;
    }
    return sum;
  }

  /** The interval score of [lower, upper] at level 1 − alpha for the observed y. */
  public static double intervalScore(long lower, long upper, long y, double alpha) {
    double s = upper - lower;
    if (y < lower) {
      s += 2 / alpha * (lower - y);
    } else if (y > upper) {
      s += 2 / alpha * (y - upper);
    }
    return s;
  }

  /** The randomized PIT value for y with uniform draw v in [0, 1). */
  public static double randomizedPit(CountDistribution p, long y, double v) {
    double below = p.cdf(y - 1);
    return below + v * (p.cdf(y) - below);
  }
}
