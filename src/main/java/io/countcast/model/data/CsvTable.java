package io.countcast.model.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file held in memory by column: header row, UTF-8 (a BOM is skipped), CRLF or LF, RFC 4180
 * quotes. A column is {@link NumericColumn numeric} when every non-missing cell is a number (empty
 * and {@code NA} cells are missing, as in R's {@code read.csv}); otherwise it is
 * {@link TextColumn text}. Unlike R, a column of numbers with a few text cells is not silently a
 * factor: using it as a variable is an error naming the cell ({@link TextColumn#requireNotMixed}),
 * and {@code factor(x)} makes it a factor on purpose. Every error is a {@link DataException}
 * naming the file and line.
 */
public final class CsvTable {

  private final String source;
  private final byte[] bytes;
  private final int rows;
  private final int[] lines;
  private final Map<String, Column> columns = new LinkedHashMap<>();

  private CsvTable(String source, byte[] bytes, String[] names, int rows, int[] lines,
                   int[][] starts, int[][] ends) {
    this.source = source;
    this.bytes = bytes;
    this.rows = rows;
    this.lines = lines;
    for (int j = 0; j < names.length; j++) {
      columns.put(names[j], classify(names[j], starts[j], ends[j]));
    }
  }

  /** Reads a CSV file; the path as given is used as the source name in messages. */
  public static CsvTable read(Path path) {
    String source = path.toString();
    if (!Files.exists(path)) {
      throw DataException.in(source, "file not found");
    }
    if (!Files.isRegularFile(path)) {
      throw DataException.in(source, "not a regular file");
    }
    try {
      return parse(source, Files.readAllBytes(path));
    } catch (IOException e) {
      throw DataException.in(source, "cannot read file (" + e.getMessage() + ")");
    }
  }

  /** Parses CSV bytes; {@code source} names them in error messages. */
  public static CsvTable parse(String source, byte[] bytes) {
    CsvScanner scanner = new CsvScanner(source, bytes);
    int width = scanner.next();
    if (width < 0) {
      throw DataException.in(source, "file is empty (expected a header row)");
    }
    String[] names = readHeader(source, scanner, bytes, width);
    int capacity = 1024;
    int[][] starts = new int[width][capacity];
    int[][] ends = new int[width][capacity];
    int[] lines = new int[capacity];
    int rows = 0;
    for (int fields = scanner.next(); fields >= 0; fields = scanner.next()) {
      if (fields != width) {
        throw DataException.in(source, "line " + scanner.recordLine() + ": expected " + width
            + " fields (as in the header), found " + fields);
      }
      if (rows == capacity) {
        capacity *= 2;
        for (int j = 0; j < width; j++) {
          starts[j] = Arrays.copyOf(starts[j], capacity);
          ends[j] = Arrays.copyOf(ends[j], capacity);
        }
        lines = Arrays.copyOf(lines, capacity);
      }
      for (int j = 0; j < width; j++) {
        starts[j][rows] = scanner.start(j);
        ends[j][rows] = scanner.encodedEnd(j);
      }
      lines[rows++] = scanner.recordLine();
    }
    if (rows == 0) {
      throw DataException.in(source, "no data rows (only a header)");
    }
    return new CsvTable(source, bytes, names, rows, lines, starts, ends);
  }

  private static String[] readHeader(String source, CsvScanner scanner, byte[] bytes, int width) {
    String[] names = new String[width];
    for (int j = 0; j < width; j++) {
      String name = decode(bytes, scanner.start(j), scanner.encodedEnd(j)).trim();
      if (name.isEmpty()) {
        throw DataException.in(source, "line " + scanner.recordLine() + ": header column "
            + (j + 1) + " has no name");
      }
      for (int k = 0; k < j; k++) {
        if (names[k].equals(name)) {
          throw DataException.in(source, "line " + scanner.recordLine()
              + ": duplicate column name '" + name + "'");
        }
      }
      names[j] = name;
    }
    return names;
  }

  /**
   * Numeric when every non-missing cell is a number. Otherwise text, remembering the first text
   * cell and the first number cell (if any): a column of numbers with a typo in one row must not
   * quietly become a factor, so {@link TextColumn#requireNotMixed} can name both.
   */
  private Column classify(String name, int[] starts, int[] ends) {
    double[] values = new double[rows];
    BitSet missing = new BitSet(rows);
    int firstText = -1;
    int firstNumber = -1;
    for (int i = 0; i < rows && (firstText < 0 || firstNumber < 0); i++) {
      int end = ends[i];
      if (end >= 0 && NumberParser.isMissing(bytes, starts[i], end)) {
        missing.set(i);
        values[i] = Double.NaN;
      } else if (end >= 0 && NumberParser.isNumber(bytes, starts[i], end)) {
        if (firstNumber < 0) {
          firstNumber = i;
        }
        if (firstText < 0) {
          values[i] = NumberParser.parse(bytes, starts[i], end);
        }
      } else if (firstText < 0) {
        firstText = i;
      }
    }
    if (firstText < 0) {
      return new NumericColumn(this, name, values, missing);
    }
    return new TextColumn(this, name, rows, row -> decode(bytes, starts[row], ends[row]),
        firstText, firstNumber);
  }

  private static String decode(byte[] bytes, int start, int encodedEnd) {
    if (encodedEnd >= 0) {
      return new String(bytes, start, encodedEnd - start, StandardCharsets.UTF_8);
    }
    int end = -encodedEnd - 1;
    return new String(bytes, start, end - start, StandardCharsets.UTF_8).replace("\"\"", "\"");
  }

  static boolean isMissingText(String cell) {
    String t = cell.strip();
    return t.isEmpty() || t.equals("NA");
  }

  /** The name used for this table in messages (the path as given). */
  public String source() {
    return source;
  }

  /** Number of data rows. */
  public int rows() {
    return rows;
  }

  /** Header names in file order. */
  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  /** Whether the header has this column. */
  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /**
   * The named column.
   *
   * @throws DataException if there is no such column (the message lists the columns there are)
   */
  public Column column(String name) {
    Column c = columns.get(name);
    if (c == null) {
      throw DataException.in(source, "no column '" + name + "' (columns: "
          + String.join(", ", columns.keySet()) + ")");
    }
    return c;
  }

  /**
   * The named column's values as finite numbers.
   *
   * @throws DataException for a missing column, a non-numeric, missing, NaN or infinite cell
   */
  public double[] numbers(String name) {
    Column c = column(name);
    if (c instanceof TextColumn text) {
      throw text.notNumeric();
    }
    return ((NumericColumn) c).finiteValues();
  }

  /**
   * The named column as counts for a response.
   *
   * @throws DataException naming line and column for a missing, non-numeric, NaN/Inf, negative
   *     or non-integer value
   */
  public double[] counts(String name) {
    double[] y = numbers(name);
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] != Math.rint(y[i])) {
        throw errorAt(i, name, "a count must be a non-negative whole number, got " + cell(y[i]));
      }
    }
    return y;
  }

  /**
   * The named column as prior weights.
   *
   * @throws DataException naming line and column for a bad or negative value
   */
  public double[] weights(String name) {
    double[] w = numbers(name);
    for (int i = 0; i < w.length; i++) {
      if (w[i] < 0) {
        throw errorAt(i, name, "a weight must be non-negative, got " + cell(w[i]));
      }
    }
    return w;
  }

  private static String cell(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The 1-based file line on which data row {@code row} (0-based) starts. */
  public int line(int row) {
    return lines[row];
  }

  /** An error about one cell: "{source}: line L, column 'c': problem". */
  public DataException errorAt(int row, String column, String problem) {
    return DataException.at(source, lines[row], column, problem);
  }
}
