package io.countcast.model.data;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The records of one byte range of a CSV file, read in one pass into columns: each cell is
 * classified (missing, number, text) and stored as it is scanned, numbers parsed straight from the
 * bytes and text cells coded through a {@link CellDictionary}, so no per-cell offsets or Strings
 * are kept. {@link CsvTable} reads a large file as a few chunks on as many threads and joins them.
 *
 * <p>A column is read as numbers until its first text cell; from there on its cells are coded as
 * text, and the earlier rows are coded only if the whole column turns out to be text
 * ({@link #codeTextBefore}), by scanning those records again from their offsets.
 */
final class CsvChunk {

  private final String source;
  private final byte[] bytes;
  private final int width;
  private final int from;
  private final int to;
  final int firstLine;
  final Part[] parts;
  int rows;
  /** The line each row starts on, counted from {@link #firstLine}. */
  int[] lines = new int[0];
  private int[] rowStarts = new int[0];
  /** Lines the chunk spans (its line breaks, blank lines included). */
  int lineBreaks;
  /** Whether the last record ran past {@link #to}: the range did not end at a record boundary. */
  boolean overran;

  /**
   * @param from where a record starts
   * @param to where the chunk's last record should end (a record that starts before it is read
   *     to its end; {@link #overran} says whether that end was past {@code to})
   * @param firstLine the line number of {@code from}, used in messages and {@link #lines}
   */
  CsvChunk(String source, byte[] bytes, int width, int from, int to, int firstLine) {
    this.source = source;
    this.bytes = bytes;
    this.width = width;
    this.from = from;
    this.to = to;
    this.firstLine = firstLine;
    this.parts = new Part[width];
    for (int j = 0; j < width; j++) {
      parts[j] = new Part();
    }
  }

  /** Reads the records, throwing a {@link DataException} (lines as numbered here) for bad ones. */
  void read() {
    CsvScanner scanner = new CsvScanner(source, bytes, from, firstLine);
    int capacity = 0;
    while (true) {
      // Blank lines just before the cut belong here, so that the next chunk starts at a record.
      scanner.skipBlankLines();
      if (scanner.position() >= to) {
        break;
      }
      int start = scanner.position();
      int fields = scanner.next();
      if (fields < 0) {
        break;
      }
      if (fields != width) {
        throw DataException.in(source, "line " + scanner.recordLine() + ": expected " + width
            + " fields (as in the header), found " + fields);
      }
      if (rows == capacity) {
        // The first record's length estimates the chunk's rows; grow by half after that.
        capacity = rows == 0
            ? (int) Math.min(Integer.MAX_VALUE - 8,
                (to - from) / Math.max(1L, scanner.position() - start) * 11 / 10 + 16)
            : rows + (rows >> 1) + 16;
        grow(capacity);
      }
      int row = rows++;
      for (int j = 0; j < width; j++) {
        parts[j].add(bytes, row, scanner.start(j), scanner.encodedEnd(j));
      }
      lines[row] = scanner.recordLine();
      rowStarts[row] = start;
    }
    overran = scanner.position() > to;
    lineBreaks = scanner.line() - firstLine;
  }

  private void grow(int capacity) {
    lines = Arrays.copyOf(lines, capacity);
    rowStarts = Arrays.copyOf(rowStarts, capacity);
    for (Part p : parts) {
      p.grow(capacity);
    }
  }

  /**
   * Codes column {@code j}'s cells of the rows before it turned text (all rows if it never did),
   * so that every row of the chunk has a text code.
   */
  void codeTextBefore(int j) {
    Part p = parts[j];
    int until = p.textFrom < 0 ? rows : p.textFrom;
    if (p.codes == null) {
      p.startText(bytes, rows);
    }
    for (int row = 0; row < until; row++) {
      CsvScanner scanner = new CsvScanner(source, bytes, rowStarts[row], firstLine);
      scanner.next();
      p.codes[row] = p.dictionary.code(scanner.start(j), scanner.encodedEnd(j));
    }
    p.textFrom = 0;
  }

  /** One column's cells in this chunk. */
  static final class Part {
    /** The numbers, while every cell so far is a number or missing; null once text is seen. */
    double[] values = new double[0];
    final BitSet missing = new BitSet();
    /** The first row (of this chunk) that is text, or -1. */
    int firstText = -1;
    /** The first row that is a number, or -1. */
    int firstNumber = -1;
    /** The row from which {@link #codes} are filled, or -1 while the column reads as numbers. */
    int textFrom = -1;
    int[] codes;
    CellDictionary dictionary;

    private void grow(int capacity) {
      if (values != null) {
        values = Arrays.copyOf(values, capacity);
      }
      if (codes != null) {
        codes = Arrays.copyOf(codes, capacity);
      }
    }

    private void startText(byte[] bytes, int capacity) {
      codes = new int[capacity];
      dictionary = new CellDictionary(bytes);
    }

    private void add(byte[] bytes, int row, int start, int end) {
      if (values != null) {
        if (end >= 0 && NumberParser.isMissing(bytes, start, end)) {
          missing.set(row);
          values[row] = Double.NaN;
          return;
        }
        if (end >= 0 && NumberParser.isNumber(bytes, start, end)) {
          if (firstNumber < 0) {
            firstNumber = row;
          }
          values[row] = NumberParser.parse(bytes, start, end);
          return;
        }
        firstText = row;
        textFrom = row;
        startText(bytes, values.length);
        values = null;
      }
      codes[row] = dictionary.code(start, end);
      if (firstNumber < 0 && end >= 0 && !NumberParser.isMissing(bytes, start, end)
          && NumberParser.isNumber(bytes, start, end)) {
        firstNumber = row;
      }
    }
  }
}
