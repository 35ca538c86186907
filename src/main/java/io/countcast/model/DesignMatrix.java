package io.countcast.model;

import java.util.Arrays;
import java.util.List;

/**
 * A dense n×p design matrix stored row-major in one primitive array, so the IRLS loop can
 * accumulate X'WX row by row without boxing.
 *
 * @param names column names as R names them, e.g. {@code (Intercept)}, {@code SexM}
 * @param rows n
 * @param values row-major values, length n·p; row i occupies {@code [i*p, (i+1)*p)}
 */
public record DesignMatrix(List<String> names, int rows, double[] values) {

  public DesignMatrix {
    names = List.copyOf(names);
    if (rows < 0 || values.length != (long) rows * names.size()) {
      throw new IllegalArgumentException(
          "design of " + rows + " rows × " + names.size() + " columns needs "
              + (long) rows * names.size() + " values, got " + values.length);
    }
  }

  /** p, the number of columns. */
  public int columns() {
    return names.size();
  }

  /** Value at row i, column j. */
  public double get(int i, int j) {
    return values[i * names.size() + j];
  }

  /** A copy of row i. */
  public double[] row(int i) {
    int p = names.size();
    return Arrays.copyOfRange(values, i * p, (i + 1) * p);
  }

  /** A design with only an intercept column, for n rows. */
  public static DesignMatrix interceptOnly(int rows) {
    double[] v = new double[rows];
    Arrays.fill(v, 1.0);
    return new DesignMatrix(List.of("(Intercept)"), rows, v);
  }
}
