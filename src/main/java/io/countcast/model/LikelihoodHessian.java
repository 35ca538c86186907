package io.countcast.model;

/**
 * Assembles the Hessian of a count likelihood whose row i depends on the parameters only through
 * η_i = offset_i + x_i'β, ζ_i = z_i'γ (the zero part, when there is one) and one scalar
 * dispersion parameter κ: H = Σ_i J_iᵀ S_i J_i, with S_i the row's 3×3 second derivatives in
 * (η, ζ, κ) and J_i = blocks of (x_i, z_i, 1). One pass over the rows replaces the 2k gradient
 * passes of a finite-difference Hessian; the X'SX and Z'SZ blocks go through
 * {@link WeightedGram}, the IRLS kernel.
 */
final class LikelihoodHessian {

  private final FitInput in;
  private final int q;
  private final int k;
  private final double[] ee;
  private final double[] ez;
  private final double[] zz;
  private final double[] ek;
  private final double[] zk;
  private double kk;

  /** A Hessian over (β, [γ,] κ): k = p + (zeroPart ? q : 0) + 1. */
  LikelihoodHessian(FitInput in, boolean zeroPart) {
    this.in = in;
    this.q = zeroPart ? in.q : 0;
    this.k = in.p + q + 1;
    this.ee = new double[in.n];
    this.ek = new double[in.n];
    this.ez = zeroPart ? new double[in.n] : null;
    this.zz = zeroPart ? new double[in.n] : null;
    this.zk = zeroPart ? new double[in.n] : null;
  }

  /**
   * Sets row i's second derivatives of the log-likelihood (already multiplied by its weight):
   * ηη, ηζ, ζζ, ηκ, ζκ, κκ. The ζ terms are ignored without a zero part.
   */
  void setRow(int i, double ee, double ez, double zz, double ek, double zk, double kk) {
    this.ee[i] = -ee;
    this.ek[i] = ek;
    if (q > 0) {
      this.ez[i] = ez;
      this.zz[i] = -zz;
      this.zk[i] = zk;
    }
    this.kk += kk;
  }

  /**
   * The Hessian of −(the rows' log-likelihood + {@code kappaExtra}, the κκ second derivative of
   * terms not tied to one row) + the ridge penalty, full and symmetric.
   */
  double[] negatedWithRidge(double kappaExtra) {
    int p = in.p;
    int n = in.n;
    int kappa = k - 1;
    double[] h = new double[k * k];
    double[] block = new double[p * p];
    WeightedGram.accumulate(in.x, n, p, ee, null, block, null);
    for (int r = 0; r < p; r++) {
      System.arraycopy(block, r * p, h, r * k, p);
    }
    for (int i = 0; i < n; i++) {
      int bx = i * p;
      for (int r = 0; r < p; r++) {
        h[r * k + kappa] -= ek[i] * in.x[bx + r];
      }
    }
    if (q > 0) {
      double[] zBlock = new double[q * q];
      WeightedGram.accumulate(in.z, n, q, zz, null, zBlock, null);
      for (int r = 0; r < q; r++) {
        System.arraycopy(zBlock, r * q, h, (p + r) * k + p, q);
      }
      for (int i = 0; i < n; i++) {
        int bx = i * p;
        int bz = i * q;
        for (int r = 0; r < p; r++) {
          double a = ez[i] * in.x[bx + r];
          for (int c = 0; c < q; c++) {
            h[r * k + p + c] -= a * in.z[bz + c];
          }
        }
        for (int r = 0; r < q; r++) {
          h[(p + r) * k + kappa] -= zk[i] * in.z[bz + r];
        }
      }
    }
    h[kappa * k + kappa] = -(kk + kappaExtra);
    for (int r = 0; r < k; r++) {
      for (int c = r + 1; c < k; c++) {
        h[c * k + r] = h[r * k + c];
      }
    }
    for (int j = 0; j < p; j++) {
      h[j * k + j] += in.penalty[j];
    }
    for (int j = 0; j < q; j++) {
      h[(p + j) * k + p + j] += in.zeroPenalty[j];
    }
    return h;
  }
}
