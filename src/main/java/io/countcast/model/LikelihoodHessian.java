package io.countcast.model;

/**
 * Assembles the Hessian of a count likelihood whose row i depends on the parameters only through
 * η_i = offset_i + x_i'β, ζ_i = z_i'γ (the zero part, when there is one) and one scalar
 * dispersion parameter κ: H = Σ_i J_iᵀ S_i J_i, with S_i the row's 3×3 second derivatives in
 * (η, ζ, κ) and J_i = blocks of (x_i, z_i, 1). One pass over the rows replaces the 2k gradient
 * passes of a finite-difference Hessian. Only the upper triangle is summed, then mirrored.
 */
final class LikelihoodHessian {

  private final FitInput in;
  private final boolean zeroPart;
  private final int k;
  private final double[] h;

  /** A Hessian over (β, [γ,] κ): k = p + (zeroPart ? q : 0) + 1. */
  LikelihoodHessian(FitInput in, boolean zeroPart) {
    this.in = in;
    this.zeroPart = zeroPart;
    this.k = in.p + (zeroPart ? in.q : 0) + 1;
    this.h = new double[k * k];
  }

  /**
   * Adds one row's second derivatives (already multiplied by its weight): ηη, ηζ, ζζ, ηκ, ζκ, κκ.
   * The ζ terms are ignored without a zero part.
   */
  void addRow(int i, double ee, double ez, double zz, double ek, double zk, double kk) {
    int p = in.p;
    int q = zeroPart ? in.q : 0;
    int kappa = k - 1;
    double[] x = in.x;
    int bx = i * p;
    for (int r = 0; r < p; r++) {
      double xr = x[bx + r];
      if (xr == 0) {
        continue; // dummy and seasonal columns are often zero
      }
      int row = r * k;
      double a = ee * xr;
      for (int c = r; c < p; c++) {
        h[row + c] += a * x[bx + c];
      }
      if (q > 0) {
        double b = ez * xr;
        int bz = i * in.q;
        for (int c = 0; c < q; c++) {
          h[row + p + c] += b * in.z[bz + c];
        }
      }
      h[row + kappa] += ek * xr;
    }
    if (q > 0) {
      int bz = i * in.q;
      for (int r = 0; r < q; r++) {
        double zr = in.z[bz + r];
        if (zr == 0) {
          continue;
        }
        int row = (p + r) * k + p;
        double a = zz * zr;
        for (int c = r; c < q; c++) {
          h[row + c] += a * in.z[bz + c];
        }
        h[(p + r) * k + kappa] += zk * zr;
      }
    }
    h[kappa * k + kappa] += kk;
  }

  /**
   * The Hessian of {@code sign}·(the summed rows + {@code kappaExtra} in the κκ entry, the
   * second derivative of terms not tied to one row) + the ridge penalty, full and symmetric.
   */
  double[] finish(double sign, double kappaExtra) {
    h[k * k - 1] += kappaExtra;
    double[] out = new double[k * k];
    for (int r = 0; r < k; r++) {
      for (int c = r; c < k; c++) {
        double v = sign * h[r * k + c];
        out[r * k + c] = v;
        out[c * k + r] = v;
      }
    }
    for (int j = 0; j < in.p; j++) {
      out[j * k + j] += in.penalty[j];
    }
    for (int j = 0; zeroPart && j < in.q; j++) {
      out[(in.p + j) * k + in.p + j] += in.zeroPenalty[j];
    }
    return out;
  }
}
