package io.countcast.model;

import java.util.Arrays;

/**
 * Distinct count values with their summed prior weights. The θ-only terms of the NB2 likelihood
 * (ψ(y+θ) − ψ(θ), ψ′, ln Γ ratios) depend on an observation only through y, so summing them over
 * distinct values instead of rows makes θ updates O(max y) instead of O(n) special-function calls.
 */
final class CountTable {

  /** Counts up to this value are accumulated by running sums; above it, special functions. */
  private static final int RUNNING_SUM_LIMIT = 10_000;

  private final double[] values;
  private final double[] weights;

  private CountTable(double[] values, double[] weights) {
    this.values = values;
    this.weights = weights;
  }

  /** Builds the table from rows; zero counts contribute nothing to the sums, so they are dropped. */
  static CountTable of(double[] y, double[] w) {
    int[] order = sortedOrder(y);
    double[] vals = new double[y.length];
    double[] wts = new double[y.length];
    int m = 0;
    for (int idx : order) {
      double v = y[idx];
      if (v <= 0) {
        continue;
      }
      if (m > 0 && vals[m - 1] == v) {
        wts[m - 1] += w[idx];
      } else {
        vals[m] = v;
        wts[m] = w[idx];
        m++;
      }
    }
    return new CountTable(Arrays.copyOf(vals, m), Arrays.copyOf(wts, m));
  }

  /** Row indices in increasing y; packs (y, row) into one long so the sort stays primitive. */
  private static int[] sortedOrder(double[] y) {
    long[] keys = new long[y.length];
    boolean packable = true;
    for (int i = 0; i < y.length && packable; i++) {
      packable = y[i] < (1L << 31);
      keys[i] = ((long) y[i] << 31) | i;
    }
    int[] order = new int[y.length];
    if (packable) {
      Arrays.sort(keys);
      for (int i = 0; i < keys.length; i++) {
        order[i] = (int) (keys[i] & ((1L << 31) - 1));
      }
      return order;
    }
    return java.util.stream.IntStream.range(0, y.length).boxed()
        .sorted((a, b) -> Double.compare(y[a], y[b])).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Returns {Σ w [ψ(y+θ) − ψ(θ)], Σ w [ψ′(θ) − ψ′(y+θ)]} over all rows, written into {@code out}.
   */
  void digammaSums(double theta, double[] out) {
    double s1 = 0;
    double s2 = 0;
    double run1 = 0;
    double run2 = 0;
    int j = 0;
    for (int k = 0; k < values.length; k++) {
      double v = values[k];
      double d1;
      double d2;
      if (v <= RUNNING_SUM_LIMIT) {
        for (; j < v; j++) {
          double t = theta + j;
          run1 += 1.0 / t;
          run2 += 1.0 / (t * t);
        }
        d1 = run1;
        d2 = run2;
      } else {
        d1 = NbMath.digammaDiff(v, theta);
        d2 = NbMath.trigammaDiff(v, theta);
      }
      s1 += weights[k] * d1;
      s2 += weights[k] * d2;
    }
    out[0] = s1;
    out[1] = s2;
  }

  /** Σ w [ln Γ(y+θ) − ln Γ(θ) − y ln θ] over all rows. */
  double logGammaRatioSum(double theta) {
    double sum = 0;
    double run = 0;
    int j = 1;
    for (int k = 0; k < values.length; k++) {
      double v = values[k];
      double a;
      if (v <= RUNNING_SUM_LIMIT) {
        for (; j < v; j++) {
          run += Math.log1p(j / theta);
        }
        a = run;
      } else {
        a = NbMath.logGammaRatioScaled(v, theta);
      }
      sum += weights[k] * a;
    }
    return sum;
  }
}
