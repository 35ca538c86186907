package io.countcast.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Solves and inverts small symmetric p×p systems (X'WX, observed information) held row-major in a
 * double[]. Cholesky first because these matrices are positive definite at a sensible fit; QR as
 * the fallback for the nearly singular ones, so a hard case degrades instead of throwing.
 */
final class SymmetricSystem {

  /** Positivity threshold for Cholesky pivots: tiny, because X'WX may legitimately be small. */
  private static final double POSITIVITY = 1e-300;

  private SymmetricSystem() {
  }

  /** Solves A·x = b; throws {@link ModelException} if A is numerically singular. */
  static double[] solve(double[] a, double[] b, int p) {
    return solver(a, p).solve(new ArrayRealVector(b, false)).toArray();
  }

  /** A⁻¹, row-major; throws {@link ModelException} if A is numerically singular. */
  static double[] inverse(double[] a, int p) {
    RealMatrix inv = solver(a, p).getInverse();
    double[] out = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        out[i * p + j] = inv.getEntry(i, j);
      }
    }
    return out;
  }

  /** True if A is positive definite (Cholesky succeeds). */
  static boolean isPositiveDefinite(double[] a, int p) {
    try {
      new CholeskyDecomposition(matrix(a, p),
          CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, POSITIVITY);
      return true;
    } catch (NonPositiveDefiniteMatrixException e) {
      return false;
    }
  }

  private static DecompositionSolver solver(double[] a, int p) {
    RealMatrix m = matrix(a, p);
    try {
      return new CholeskyDecomposition(m,
          CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, POSITIVITY).getSolver();
    } catch (NonPositiveDefiniteMatrixException e) {
      DecompositionSolver qr = new QRDecomposition(m, 1e-13).getSolver();
      if (!qr.isNonSingular()) {
        throw new ModelException("the information matrix is singular: some coefficients are"
            + " not identifiable from these data");
      }
      return qr;
    } catch (SingularMatrixException e) {
      throw new ModelException("the information matrix is singular: some coefficients are"
          + " not identifiable from these data");
    }
  }

  private static RealMatrix matrix(double[] a, int p) {
    double[][] rows = new double[p][p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(a, i * p, rows[i], 0, p);
    }
    return new Array2DRowRealMatrix(rows, false);
  }
}
