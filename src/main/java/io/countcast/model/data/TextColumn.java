package io.countcast.model.data;

import java.util.List;

/**
 * A column with at least one cell that is not a number, held as one code per row into the
 * column's distinct texts (a factor of many rows and few levels needs one String per level).
 */
public final class TextColumn implements Column {

  private final CsvTable table;
  private final String name;
  private final int[] codes;
  private final String[] texts;
  private final int firstNonNumericRow;
  private final int firstNumericRow;
  private boolean[] missingTexts;
  private String[] values;

  /**
   * @param codes each row's index into {@code texts}
   * @param texts the distinct cell texts
   * @param firstNonNumericRow the first row whose cell is neither missing nor a number
   * @param firstNumericRow the first row whose cell is a number, or -1 if none is
   */
  TextColumn(CsvTable table, String name, int[] codes, String[] texts, int firstNonNumericRow,
             int firstNumericRow) {
    this.table = table;
    this.name = name;
    this.codes = codes;
    this.texts = texts;
    this.firstNonNumericRow = firstNonNumericRow;
    this.firstNumericRow = firstNumericRow;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return codes.length;
  }

  @Override
  public boolean isMissing(int row) {
    if (missingTexts == null) {
      boolean[] missing = new boolean[texts.length];
      for (int k = 0; k < texts.length; k++) {
        missing[k] = CsvTable.isMissingText(texts[k]);
      }
      missingTexts = missing;
    }
    return missingTexts[codes[row]];
  }

  /** The decoded cell text (empty for an empty cell). */
  public String value(int row) {
    return texts[codes[row]];
  }

  /** All cells decoded, shared (callers must not write). */
  public String[] values() {
    if (values == null) {
      String[] decoded = new String[codes.length];
      for (int i = 0; i < decoded.length; i++) {
        decoded[i] = texts[codes[i]];
      }
      values = decoded;
    }
    return values;
  }

  /** Each row's index into {@link #distinctValues}, shared (callers must not write). */
  public int[] codes() {
    return codes;
  }

  /** The distinct cell texts, each once, in no particular order. */
  public List<String> distinctValues() {
    return List.of(texts);
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
