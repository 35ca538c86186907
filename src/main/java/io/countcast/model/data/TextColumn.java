package io.countcast.model.data;

import java.util.function.IntFunction;

/** A column with at least one cell that is not a number; decoded lazily from the file bytes. */
public final class TextColumn implements Column {

  private final CsvTable table;
  private final String name;
  private final int size;
  private final IntFunction<String> cell;
  private final int firstNonNumericRow;
  private final int firstNumericRow;
  private String[] values;

  /**
   * @param firstNonNumericRow the first row whose cell is neither missing nor a number
   * @param firstNumericRow the first row whose cell is a number, or -1 if none is
   */
  TextColumn(CsvTable table, String name, int size, IntFunction<String> cell,
             int firstNonNumericRow, int firstNumericRow) {
    this.table = table;
    this.name = name;
    this.size = size;
    this.cell = cell;
    this.firstNonNumericRow = firstNonNumericRow;
    this.firstNumericRow = firstNumericRow;
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

  /**
   * Checks that this column may be used as a variable by its bare name: a factor only if no cell
   * is a number. A column that holds numbers and text is most often a column of numbers with a
   * typo, which R's {@code read.csv} silently turns into a factor; here it is an error, and
   * {@code factor(name)} in the formula asks for a factor on purpose.
   *
   * @throws DataException naming the first text cell (line, row, value) and a number cell
   */
  public void requireNotMixed() {
    if (firstNumericRow < 0) {
      return;
    }
    throw table.errorAt(firstNonNumericRow, name, "'" + value(firstNonNumericRow)
        + "' (data row " + (firstNonNumericRow + 1) + ") is not a number, but the column holds"
        + " numbers (e.g. '" + value(firstNumericRow).strip() + "' on line "
        + table.line(firstNumericRow) + "); correct the value, or write factor(" + name
        + ") in the formula to use the column as a factor");
  }

  /** The error for using this column where numbers are required: names the first bad cell. */
  public DataException notNumeric() {
    return table.errorAt(firstNonNumericRow, name,
        "non-numeric value '" + value(firstNonNumericRow) + "'");
  }
}
