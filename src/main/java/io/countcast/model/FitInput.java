package io.countcast.model;

import java.util.List;

/**
 * Validated fitting input: rows with positive weight only, offset and weights materialised, and a
 * ridge penalty per coefficient. Building one is where bad data is refused with a
 * {@link ModelException} whose message names the 1-based row and the column.
 */
final class FitInput {

  /** Squared residual-norm ratio below which a column counts as a combination of earlier ones. */
  private static final double ALIAS_TOLERANCE = 1e-10;

  final int n;
  final int p;
  final double[] y;
  final double[] x;
  final double[] offset;
  final double[] weights;
  final List<String> names;
  final int q;
  final double[] z;
  final List<String> zeroNames;
  /** Ridge λ per count coefficient (0 for the intercept). */
  final double[] penalty;
  /** Ridge λ per zero-part coefficient (0 for the intercept). */
  final double[] zeroPenalty;

  private CountTable table;
  private double logFactorialSum = Double.NaN;
  private double[] yLogY;

  private FitInput(int n, double[] y, DesignMatrix x, double[] offset, double[] weights,
                   DesignMatrix z, double ridge) {
    this.n = n;
    this.p = x.columns();
    this.y = y;
    this.x = x.values();
    this.offset = offset;
    this.weights = weights;
    this.names = x.names();
    this.q = z.columns();
    this.z = z.values();
    this.zeroNames = z.names();
    this.penalty = penalties(x, ridge);
    this.zeroPenalty = penalties(z, ridge);
  }

  /** Distinct positive counts with summed weights, built on first use. */
  CountTable table() {
    if (table == null) {
      table = CountTable.of(y, weights);
    }
    return table;
  }

  /** Σ w ln y! over the rows, computed on first use. */
  double logFactorialSum() {
    if (Double.isNaN(logFactorialSum)) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += weights[i] * NbMath.logFactorial(y[i]);
      }
      logFactorialSum = s;
    }
    return logFactorialSum;
  }

  /** y·ln y per row (0 for y = 0), computed on first use. */
  double[] yLogY() {
    if (yLogY == null) {
      yLogY = new double[n];
      for (int i = 0; i < n; i++) {
        yLogY[i] = y[i] > 0 ? y[i] * Math.log(y[i]) : 0;
      }
    }
    return yLogY;
  }

  /** η_i = offset_i + x_i'β for a parameter vector whose first p entries are β. */
  double eta(double[] par, int i) {
    double e = offset[i];
    int base = i * p;
    for (int j = 0; j < p; j++) {
      e += x[base + j] * par[j];
    }
    return e;
  }

  /** ζ_i = z_i'γ (logit of π), with γ stored in {@code par} from index {@code from}. */
  double zeta(double[] par, int from, int i) {
    double e = 0;
    int base = i * q;
    for (int j = 0; j < q; j++) {
      e += z[base + j] * par[from + j];
    }
    return e;
  }

  /** ½ Σ λ β² (and γ² if {@code zeroPart}) for a parameter vector (β, γ, ...). */
  double ridge(double[] par, boolean zeroPart) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += 0.5 * penalty[j] * par[j] * par[j];
    }
    for (int j = 0; zeroPart && j < q; j++) {
      s += 0.5 * zeroPenalty[j] * par[p + j] * par[p + j];
    }
    return s;
  }

  /** Adds the gradient of {@link #ridge} to {@code grad}. */
  void addRidgeGradient(double[] par, double[] grad, boolean zeroPart) {
    for (int j = 0; j < p; j++) {
      grad[j] += penalty[j] * par[j];
    }
    for (int j = 0; zeroPart && j < q; j++) {
      grad[p + j] += zeroPenalty[j] * par[p + j];
    }
  }

  /** Σ w over the rows. */
  double weightSum() {
    double s = 0;
    for (double wi : weights) {
      s += wi;
    }
    return s;
  }

  /**
   * Validates {@code data} and keeps the rows with positive weight.
   *
   * @param zeroPart whether the zero-inflation design is needed (ZINB2)
   */
  static FitInput of(ModelData data, double ridge, boolean zeroPart) {
    int rows = data.n();
    if (rows == 0) {
      throw new ModelException("no data: the model needs at least one observation");
    }
    DesignMatrix x = data.x();
    DesignMatrix z = data.zeroX() == null ? DesignMatrix.interceptOnly(rows) : data.zeroX();
    checkCounts(data.y());
    checkFinite("offset", data.offset());
    checkWeights(data.weights());
    checkDesign("design", x);
    if (zeroPart) {
      checkDesign("zero-part design", z);
    }
    boolean[] keep = new boolean[rows];
    int n = 0;
    boolean anyPositive = false;
    for (int i = 0; i < rows; i++) {
      keep[i] = data.weights() == null || data.weights()[i] > 0;
      if (keep[i]) {
        n++;
        anyPositive |= data.y()[i] > 0;
      }
    }
    if (n == 0) {
      throw new ModelException("no data: every row has weight 0");
    }
    if (!anyPositive) {
      throw new ModelException(
          "all counts are zero: a count model needs at least one positive count");
    }
    if (zeroPart && !anyZero(data.y(), keep)) {
      throw new ModelException("there are no zero counts, so the zero-inflation part cannot be"
          + " estimated: fit nb2 instead");
    }
    int coefficients = x.columns() + (zeroPart ? z.columns() : 0);
    if (n < coefficients) {
      throw new ModelException("too few observations: " + n + " rows for " + coefficients
          + " coefficients");
    }
    double[] y = select(data.y(), keep, n, 0.0);
    double[] off = select(data.offset(), keep, n, 0.0);
    double[] w = select(data.weights(), keep, n, 1.0);
    DesignMatrix xs = selectRows(x, keep, n);
    DesignMatrix zs = selectRows(z, keep, n);
    checkAliasing("", xs);
    if (zeroPart) {
      checkAliasing("zero-part ", zs);
    }
    return new FitInput(n, y, xs, off, w, zs, ridge);
  }

  private static boolean anyZero(double[] y, boolean[] keep) {
    for (int i = 0; i < y.length; i++) {
      if (keep[i] && y[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static void checkCounts(double[] y) {
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (Double.isNaN(v)) {
        throw new ModelException("count at row " + (i + 1) + " is missing (NaN)");
      }
      if (Double.isInfinite(v)) {
        throw new ModelException("count at row " + (i + 1) + " is infinite");
      }
      if (v < 0) {
        throw new ModelException("count at row " + (i + 1) + " is negative (" + v + ")");
      }
      if (v != Math.rint(v)) {
        throw new ModelException("count at row " + (i + 1) + " is not a whole number (" + v + ")");
      }
    }
  }

  private static void checkFinite(String what, double[] values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new ModelException(what + " at row " + (i + 1) + " is not finite (" + values[i] + ")");
      }
    }
  }

  private static void checkWeights(double[] w) {
    checkFinite("weight", w);
    if (w == null) {
      return;
    }
    for (int i = 0; i < w.length; i++) {
      if (w[i] < 0) {
        throw new ModelException("weight at row " + (i + 1) + " is negative (" + w[i] + ")");
      }
    }
  }

  private static void checkDesign(String what, DesignMatrix m) {
    double[] v = m.values();
    int p = m.columns();
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k])) {
        throw new ModelException(what + " value at row " + (k / p + 1) + ", column '"
            + m.names().get(k % p) + "' is not finite (" + v[k] + ")");
      }
    }
  }

  /**
   * Refuses designs with an aliased column, found by a Cholesky factorisation of X'X in column
   * order: a column whose residual after projecting out the earlier columns is (numerically)
   * zero is a linear combination of them. R would drop it and report NA; we name it instead.
   */
  private static void checkAliasing(String what, DesignMatrix m) {
    int p = m.columns();
    double[] g = gram(m);
    double[] l = new double[p * p];
    for (int j = 0; j < p; j++) {
      double gjj = g[j * p + j];
      if (gjj == 0) {
        throw new ModelException("singular " + what + "design: column '" + m.names().get(j)
            + "' is all zeros");
      }
      double d = gjj;
      for (int k = 0; k < j; k++) {
        d -= l[j * p + k] * l[j * p + k];
      }
      if (d <= ALIAS_TOLERANCE * gjj) {
        throw new ModelException("singular " + what + "design: column '" + m.names().get(j)
            + "' is collinear with others");
      }
      double ljj = Math.sqrt(d);
      l[j * p + j] = ljj;
      for (int i = j + 1; i < p; i++) {
        double s = g[i * p + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * p + k] * l[j * p + k];
        }
        l[i * p + j] = s / ljj;
      }
    }
  }

  private static double[] gram(DesignMatrix m) {
    int p = m.columns();
    double[] ones = new double[m.rows()];
    java.util.Arrays.fill(ones, 1.0);
    double[] g = new double[p * p];
    WeightedGram.accumulate(m.values(), m.rows(), p, ones, null, g, null);
    return g;
  }

  private static double[] select(double[] values, boolean[] keep, int n, double fill) {
    double[] out = new double[n];
    if (values == null) {
      java.util.Arrays.fill(out, fill);
      return out;
    }
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        out[k++] = values[i];
      }
    }
    return out;
  }

  private static DesignMatrix selectRows(DesignMatrix m, boolean[] keep, int n) {
    if (n == keep.length) {
      return m;
    }
    int p = m.columns();
    double[] out = new double[n * p];
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        System.arraycopy(m.values(), i * p, out, k * p, p);
        k++;
      }
    }
    return new DesignMatrix(m.names(), n, out);
  }

  /** λ for every column except an intercept (named "(Intercept)" or constant 1). */
  private static double[] penalties(DesignMatrix m, double ridge) {
    int p = m.columns();
    double[] pen = new double[p];
    if (ridge == 0) {
      return pen;
    }
    for (int j = 0; j < p; j++) {
      pen[j] = isIntercept(m, j) ? 0 : ridge;
    }
    return pen;
  }

  private static boolean isIntercept(DesignMatrix m, int j) {
    if ("(Intercept)".equals(m.names().get(j))) {
      return true;
    }
    for (int i = 0; i < m.rows(); i++) {
      if (m.get(i, j) != 1.0) {
        return false;
      }
    }
    return true;
  }
}
