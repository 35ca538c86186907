package io.countcast.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A CSV file held in memory by column: header row, UTF-8 (a BOM is skipped), CRLF or LF, RFC 4180
 * quotes. A column is {@link NumericColumn numeric} when every non-missing cell is a number (empty
 * and {@code NA} cells are missing, as in R's {@code read.csv}); otherwise it is
 * {@link TextColumn text}. Unlike R, a column of numbers with a few text cells is not silently a
 * factor: using it as a variable is an error naming the cell ({@link TextColumn#requireNotMixed}),
 * and {@code factor(x)} makes it a factor on purpose. Every error is a {@link DataException}
 * naming the file and line. Text columns are held as codes into their distinct values; a large
 * file is read in chunks on several threads ({@link #parse(String, byte[])}).
 */
public final class CsvTable {

  /**
   * A chunk is at least this many bytes, so a file under 2 MB is read on one thread: for less,
   * starting a thread and joining the chunks costs more than it saves.
   */
  private static final int MIN_CHUNK_BYTES = 1 << 20;
  /** At most this many chunks (and threads), however many processors there are. */
  private static final int MAX_CHUNKS = 8;

  private final String source;
  private final int rows;
  private final int[] lines;
  private final Map<String, Column> columns = new LinkedHashMap<>();

  private CsvTable(String source, String[] names, CsvChunk[] chunks) {
    this.source = source;
    int total = 0;
    for (CsvChunk c : chunks) {
      total += c.rows;
    }
    this.rows = total;
    this.lines = new int[total];
    int offset = 0;
    int line = chunks[0].firstLine;
    for (CsvChunk c : chunks) {
      int shift = line - c.firstLine;
      for (int r = 0; r < c.rows; r++) {
        lines[offset + r] = c.lines[r] + shift;
      }
      offset += c.rows;
      line += c.lineBreaks;
    }
    for (int j = 0; j < names.length; j++) {
      columns.put(names[j], join(names[j], j, chunks));
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

  /**
   * Parses CSV bytes; {@code source} names them in error messages. A large file is cut at line
   * breaks into one chunk per processor, read in parallel. A cut inside a quoted field (the
   * chunk before it then reads past the cut) or an error in a later chunk (whose line numbers
   * are only known relative to the chunk) makes it read the file again in one piece, so the
   * result and every message are those of a sequential read.
   */
  public static CsvTable parse(String source, byte[] bytes) {
    int chunks = (int) Math.min(Math.min(MAX_CHUNKS, Runtime.getRuntime().availableProcessors()),
        bytes.length / MIN_CHUNK_BYTES);
    return parse(source, bytes, chunks);
  }

  /** {@link #parse(String, byte[])} in (at most) {@code chunks} chunks, for tests. */
  static CsvTable parse(String source, byte[] bytes, int chunks) {
    CsvScanner scanner = new CsvScanner(source, bytes);
    int width = scanner.next();
    if (width < 0) {
      throw DataException.in(source, "file is empty (expected a header row)");
    }
    String[] names = readHeader(source, scanner, bytes, width);
    int dataStart = scanner.position();
    int dataLine = scanner.line();
    CsvChunk[] parts = chunks < 2 ? null
        : readChunks(source, bytes, width, dataStart, dataLine, chunks);
    if (parts == null) {
      CsvChunk whole = new CsvChunk(source, bytes, width, dataStart, bytes.length, dataLine);
      whole.read();
      parts = new CsvChunk[] {whole};
    }
    int rows = 0;
    for (CsvChunk c : parts) {
      rows += c.rows;
    }
    if (rows == 0) {
      throw DataException.in(source, "no data rows (only a header)");
    }
    return new CsvTable(source, names, parts);
  }

  /** The chunks read in parallel, or null when the file must be read in one piece. */
  private static CsvChunk[] readChunks(String source, byte[] bytes, int width, int dataStart,
                                       int dataLine, int count) {
    long size = bytes.length - dataStart;
    int[] cuts = new int[count + 1];
    cuts[0] = dataStart;
    cuts[count] = bytes.length;
    for (int k = 1; k < count; k++) {
      cuts[k] = afterLineBreaks(bytes, Math.max(cuts[k - 1], (int) (dataStart + size * k / count)));
    }
    CsvChunk[] chunks = new CsvChunk[count];
    for (int k = 0; k < count; k++) {
      // Later chunks count lines from 0; the table adds the lines of the chunks before them.
      chunks[k] = new CsvChunk(source, bytes, width, cuts[k], cuts[k + 1], k == 0 ? dataLine : 0);
    }
    // One chunk per task on the common fork-join pool, the calling thread taking part. A chunk
    // that fails with a data error (or a cut inside a quoted field) sends the file back to the
    // one-piece read, which reports it with the file's own line numbers; an Error (out of
    // memory, say) is not a matter of where the chunks were cut and propagates.
    RuntimeException[] failures = new RuntimeException[count];
    IntStream.range(0, count).parallel().forEach(k -> {
      try {
        chunks[k].read();
      } catch (RuntimeException e) {
        failures[k] = e;
      }
    });
    for (int k = 0; k < count; k++) {
      if (failures[k] != null || chunks[k].overran) {
        return null;
      }
    }
    return chunks;
  }

  /** The offset after the first line break at or after {@code from} and any that follow it. */
  private static int afterLineBreaks(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length && bytes[i] != '\n') {
      i++;
    }
    while (i < bytes.length && (bytes[i] == '\n' || bytes[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static String[] readHeader(String source, CsvScanner scanner, byte[] bytes, int width) {
    String[] names = new String[width];
    for (int j = 0; j < width; j++) {
      String name = CellDictionary.decode(bytes, scanner.start(j), scanner.encodedEnd(j))
          .trim();
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
   * Column {@code j} of all chunks: numeric when every non-missing cell is a number. Otherwise
   * text, remembering the first text cell and the first number cell (if any): a column of
   * numbers with a typo in one row must not quietly become a factor, so
   * {@link TextColumn#requireNotMixed} can name both.
   */
  private Column join(String name, int j, CsvChunk[] chunks) {
    int firstText = -1;
    int firstNumber = -1;
    int offset = 0;
    for (CsvChunk c : chunks) {
      CsvChunk.Part p = c.parts[j];
      if (firstText < 0 && p.firstText >= 0) {
        firstText = offset + p.firstText;
      }
      if (firstNumber < 0 && p.firstNumber >= 0) {
        firstNumber = offset + p.firstNumber;
      }
      offset += c.rows;
    }
    if (firstText < 0) {
      double[] values = new double[rows];
      BitSet missing = new BitSet(rows);
      offset = 0;
      for (CsvChunk c : chunks) {
        CsvChunk.Part p = c.parts[j];
        System.arraycopy(p.values, 0, values, offset, c.rows);
        for (int r = p.missing.nextSetBit(0); r >= 0; r = p.missing.nextSetBit(r + 1)) {
          missing.set(offset + r);
        }
        offset += c.rows;
      }
      return new NumericColumn(this, name, values, missing);
    }
    return joinText(name, j, chunks, firstText, firstNumber);
  }

  /** A text column: every chunk's codes mapped into one list of distinct texts. */
  private TextColumn joinText(String name, int j, CsvChunk[] chunks, int firstText,
                              int firstNumber) {
    int[] codes = new int[rows];
    List<String> texts = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    int offset = 0;
    for (CsvChunk c : chunks) {
      CsvChunk.Part p = c.parts[j];
      if (p.textFrom != 0) {
        c.codeTextBefore(j);
      }
      String[] chunkTexts = p.dictionary.texts();
      int[] map = new int[chunkTexts.length];
      for (int e = 0; e < chunkTexts.length; e++) {
        Integer code = index.putIfAbsent(chunkTexts[e], texts.size());
        if (code == null) {
          map[e] = texts.size();
          texts.add(chunkTexts[e]);
        } else {
          map[e] = code;
        }
      }
      for (int r = 0; r < c.rows; r++) {
        codes[offset + r] = map[p.codes[r]];
      }
      offset += c.rows;
    }
    return new TextColumn(this, name, codes, texts.toArray(new String[0]), firstText,
        firstNumber);
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
