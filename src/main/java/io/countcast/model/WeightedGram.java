package io.countcast.model;

/**
 * The IRLS hot loop: X'WX (and X'Wz) accumulated straight from the row-major design, in
 * {@link RowChunks} so that a large design uses both cores with a result that does not depend on
 * the threads. Rows are taken four at a time so every load/store of an accumulator serves four
 * rows; this halves the time of the one-row loop on 200k×12 designs. Only the upper triangle is
 * accumulated, then mirrored.
 */
final class WeightedGram {

  private WeightedGram() {
  }

  /** Fills the weights (and working responses) of rows [from, to) just before they are used. */
  @FunctionalInterface
  interface RowPreparation {
    void prepare(int from, int to);
  }

  /**
   * Overwrites {@code xtwx} (p×p) with X'WX and, if {@code z} is not null, {@code xtwz} with X'Wz.
   */
  static void accumulate(double[] x, int n, int p, double[] w, double[] z, double[] xtwx,
                         double[] xtwz) {
    accumulate(x, n, p, (from, to) -> { }, w, z, xtwx, xtwz);
  }

  /**
   * As {@link #accumulate(double[], int, int, double[], double[], double[], double[])}, with
   * {@code w} and {@code z} filled chunk by chunk by {@code preparation}: computing them in the
   * same pass keeps the rows in cache and lets that work run on both threads too.
   */
  static void accumulate(double[] x, int n, int p, RowPreparation preparation, double[] w,
                         double[] z, double[] xtwx, double[] xtwz) {
    int pp = p * p;
    boolean response = z != null;
    double[] sums = RowChunks.sum(n, pp + (response ? p : 0), (long) p * (p + 1) / 2,
        (from, to, out, at) -> {
          preparation.prepare(from, to);
          rows(x, p, w, z, from, to, out, at);
        });
    for (int r = 0; r < p; r++) {
      for (int c = r; c < p; c++) {
        xtwx[r * p + c] = sums[r * p + c];
        xtwx[c * p + r] = sums[r * p + c];
      }
    }
    if (response) {
      System.arraycopy(sums, pp, xtwz, 0, p);
    }
  }

  /** Adds the upper triangle of X'WX over rows [from, to) to out[at..], X'Wz after it. */
  private static void rows(double[] x, int p, double[] w, double[] z, int from, int to,
                           double[] out, int at) {
    int i = from;
    for (; i + 3 < to; i += 4) {
      fourRows(x, p, w, z, i, out, at);
    }
    for (; i < to; i++) {
      double wi = w[i];
      int base = i * p;
      for (int a = 0; a < p; a++) {
        double v = wi * x[base + a];
        if (z != null) {
          out[at + p * p + a] += v * z[i];
        }
        int row = at + a * p;
        for (int b = a; b < p; b++) {
          out[row + b] += v * x[base + b];
        }
      }
    }
  }

  /**
   * Rows i..i+3, with accumulator rows a and a+1 updated together so that each load of x[., b]
   * serves eight products instead of four (about 15% faster on 200k×12 than one row at a time).
   */
  private static void fourRows(double[] x, int p, double[] w, double[] z, int i, double[] out,
                               int at) {
    double w0 = w[i];
    double w1 = w[i + 1];
    double w2 = w[i + 2];
    double w3 = w[i + 3];
    int r0 = i * p;
    int r1 = r0 + p;
    int r2 = r1 + p;
    int r3 = r2 + p;
    int zAt = at + p * p;
    for (int a = 0; a < p; a += 2) {
      double v0 = w0 * x[r0 + a];
      double v1 = w1 * x[r1 + a];
      double v2 = w2 * x[r2 + a];
      double v3 = w3 * x[r3 + a];
      int row = at + a * p;
      out[row + a] += v0 * x[r0 + a] + v1 * x[r1 + a] + v2 * x[r2 + a] + v3 * x[r3 + a];
      if (z != null) {
        out[zAt + a] += v0 * z[i] + v1 * z[i + 1] + v2 * z[i + 2] + v3 * z[i + 3];
      }
      if (a + 1 == p) {
        break;
      }
      double u0 = w0 * x[r0 + a + 1];
      double u1 = w1 * x[r1 + a + 1];
      double u2 = w2 * x[r2 + a + 1];
      double u3 = w3 * x[r3 + a + 1];
      if (z != null) {
        out[zAt + a + 1] += u0 * z[i] + u1 * z[i + 1] + u2 * z[i + 2] + u3 * z[i + 3];
      }
      int next = row + p;
      for (int b = a + 1; b < p; b++) {
        double x0 = x[r0 + b];
        double x1 = x[r1 + b];
        double x2 = x[r2 + b];
        double x3 = x[r3 + b];
        out[row + b] += v0 * x0 + v1 * x1 + v2 * x2 + v3 * x3;
        out[next + b] += u0 * x0 + u1 * x1 + u2 * x2 + u3 * x3; // at b = a + 1: the diagonal
      }
    }
  }
}
