package io.countcast.model.data;

import java.util.BitSet;

/**
 * A column whose every non-missing cell parsed as a number. NaN and ±Inf cells are kept (so the
 * error can name them instead of calling the column text) and rejected by {@link #finiteValues}.
 */
public final class NumericColumn implements Column {

  private final CsvTable table;
  private final String name;
  private final double[] values;
  private final BitSet missing;

  NumericColumn(CsvTable table, String name, double[] values, BitSet missing) {
    this.table = table;
    this.name = name;
    this.values = values;
    this.missing = missing;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isMissing(int row) {
    return missing.get(row);
  }

  /**
   * The values, shared (callers must not write), after checking that no cell is missing, NaN or
   * infinite.
   *
   * @throws DataException naming the line and column of the first bad cell
   */
  public double[] finiteValues() {
    boolean anyMissing = !missing.isEmpty();
    for (int i = 0; i < values.length; i++) {
      if (anyMissing && missing.get(i)) {
        throw table.errorAt(i, name, "missing value");
      }
      if (!Double.isFinite(values[i])) {
        throw table.errorAt(i, name, "value " + values[i] + " is not a finite number");
      }
    }
    return values;
  }
}
