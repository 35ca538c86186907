package io.countcast.model;

import java.util.Arrays;

/**
 * The IRLS hot loop: X'WX (and X'Wz) accumulated straight from the row-major design. Rows are
 * taken four at a time so every load/store of an accumulator serves four rows; this halves the
 * time of the one-row loop on 200k×12 designs. Only the upper triangle is accumulated, then
 * mirrored.
 */
final class WeightedGram {

  private WeightedGram() {
  }

  /**
   * Overwrites {@code xtwx} (p×p) with X'WX and, if {@code z} is not null, {@code xtwz} with X'Wz.
   */
  static void accumulate(double[] x, int n, int p, double[] w, double[] z, double[] xtwx,
                         double[] xtwz) {
    Arrays.fill(xtwx, 0);
    boolean response = z != null;
    if (response) {
      Arrays.fill(xtwz, 0);
    }
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double w0 = w[i];
      double w1 = w[i + 1];
      double w2 = w[i + 2];
      double w3 = w[i + 3];
      int r0 = i * p;
      int r1 = r0 + p;
      int r2 = r1 + p;
      int r3 = r2 + p;
      for (int a = 0; a < p; a++) {
        double v0 = w0 * x[r0 + a];
        double v1 = w1 * x[r1 + a];
        double v2 = w2 * x[r2 + a];
        double v3 = w3 * x[r3 + a];
        if (response) {
          xtwz[a] += v0 * z[i] + v1 * z[i + 1] + v2 * z[i + 2] + v3 * z[i + 3];
        }
        int row = a * p;
        for (int b = a; b < p; b++) {
          xtwx[row + b] += v0 * x[r0 + b] + v1 * x[r1 + b] + v2 * x[r2 + b] + v3 * x[r3 + b];
        }
      }
    }
    for (; i < n; i++) {
      double wi = w[i];
      int base = i * p;
      for (int a = 0; a < p; a++) {
        double v = wi * x[base + a];
        if (response) {
          xtwz[a] += v * z[i];
        }
        int row = a * p;
        for (int b = a; b < p; b++) {
          xtwx[row + b] += v * x[base + b];
        }
      }
    }
    for (int r = 0; r < p; r++) {
      for (int c = 0; c < r; c++) {
        xtwx[r * p + c] = xtwx[c * p + r];
      }
    }
  }
}
