package io.countcast.model.data;

import java.util.function.IntFunction;

/** A column with at least one cell that is not a number; decoded lazily from the file bytes. */
public final class TextColumn implements Column {

  private final CsvTable table;
  private final String name;
  private final int size;
  private final IntFunction<String> cell;
  private final int firstNonNumericRow;
  private String[] values;

  TextColumn(CsvTable table, String name, int size, IntFunction<String> cell,
             int firstNonNumericRow) {
    this.table = table;
    this.name = name;
    this.size = size;
    this.cell = cell;
    this.firstNonNumericRow = firstNonNumericRow;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isMissing(int row) {
    return CsvTable.isMissingText(value(row));
  }

  /** The decoded cell text (empty for an empty cell). */
  public String value(int row) {
    return values()[row];
  }

  /** All cells decoded, shared (callers must not write). */
  public String[] values() {
    if (values == null) {
      String[] decoded = new String[size];
      for (int i = 0; i < size; i++) {
        decoded[i] = cell.apply(i);
      }
      values = decoded;
    }
    return values;
  }

  /** The error for using this column where numbers are required: names the first bad cell. */
  public DataException notNumeric() {
    return table.errorAt(firstNonNumericRow, name,
        "non-numeric value '" + value(firstNonNumericRow) + "'");
  }
}
