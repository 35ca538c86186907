package io.countcast.model.data;

/**
 * Splits RFC 4180 CSV bytes into records, one record per {@link #next()} call, without copying:
 * each field is reported as a byte range. Quoted fields may contain commas, CR/LF and doubled
 * quotes; a field holding doubled quotes has its end stored as {@code -(end + 1)} so the decoder
 * knows to unescape it. Blank lines are skipped, as R's {@code read.csv} does.
 */
final class CsvScanner {

  private final String source;
  private final byte[] b;
  private int pos;
  private int line = 1;
  private int recordLine;
  private int[] starts = new int[16];
  private int[] ends = new int[16];

  /** A scanner from the start of the file (after a UTF-8 BOM, if any), on line 1. */
  CsvScanner(String source, byte[] bytes) {
    this(source, bytes, hasBom(bytes) ? 3 : 0, 1);
  }

  /**
   * A scanner from byte {@code pos}, which must be where a record (or blank lines) starts,
   * counting lines from {@code line}.
   */
  CsvScanner(String source, byte[] bytes, int pos, int line) {
    this.source = source;
    this.b = bytes;
    this.pos = pos;
    this.line = line;
  }

  private static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
  }

  /** The offset of the next byte to read. */
  int position() {
    return pos;
  }

  /** The line the next byte is on (counted from the line given to the constructor). */
  int line() {
    return line;
  }

  /** The 1-based line on which the last record returned by {@link #next()} starts. */
  int recordLine() {
    return recordLine;
  }

  /** Start offset of field {@code k} of the current record. */
  int start(int k) {
    return starts[k];
  }

  /** End offset of field {@code k}, negative-encoded when it holds doubled quotes. */
  int encodedEnd(int k) {
    return ends[k];
  }

  /** Reads the next non-blank record and returns its number of fields, or -1 at end of input. */
  int next() {
    skipBlankLines();
    if (pos >= b.length) {
      return -1;
    }
    recordLine = line;
    int fields = 0;
    while (true) {
      if (fields == starts.length) {
        starts = java.util.Arrays.copyOf(starts, fields * 2);
        ends = java.util.Arrays.copyOf(ends, fields * 2);
      }
      if (pos < b.length && b[pos] == '"') {
        scanQuoted(fields);
      } else {
        scanPlain(fields);
      }
      fields++;
      if (pos >= b.length) {
        return fields;
      }
      byte c = b[pos++];
      if (c == ',') {
        continue;
      }
      if (c == '\r' && pos < b.length && b[pos] == '\n') {
        pos++;
      }
      line++;
      return fields;
    }
  }

  /** Moves past blank lines (counting them), to where the next record or the input ends. */
  void skipBlankLines() {
    while (pos < b.length) {
      if (b[pos] == '\n') {
        pos++;
        line++;
      } else if (b[pos] == '\r') {
        pos += pos + 1 < b.length && b[pos + 1] == '\n' ? 2 : 1;
        line++;
      } else {
        return;
      }
    }
  }

  private void scanPlain(int k) {
    int i = pos;
    while (i < b.length) {
      byte c = b[i];
      if (c == ',' || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    starts[k] = pos;
    ends[k] = i;
    pos = i;
  }

  private void scanQuoted(int k) {
    int startLine = line;
    int i = pos + 1;
    boolean escaped = false;
    while (true) {
      if (i >= b.length) {
        throw DataException.in(source, "line " + startLine + ": unterminated quoted field");
      }
      byte c = b[i];
      if (c == '"') {
        if (i + 1 < b.length && b[i + 1] == '"') {
          escaped = true;
          i += 2;
          continue;
        }
        break;
      }
      if (c == '\n') {
        line++;
      } else if (c == '\r' && !(i + 1 < b.length && b[i + 1] == '\n')) {
        line++;
      }
      i++;
    }
    starts[k] = pos + 1;
    ends[k] = escaped ? -(i + 1) : i;
    pos = i + 1;
    if (pos < b.length && b[pos] != ',' && b[pos] != '\n' && b[pos] != '\r') {
      throw DataException.in(source, "line " + line + ": unexpected character after a closing quote");
    }
  }
}
