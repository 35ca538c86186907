package io.countcast.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

  private static CsvTable parse(String text) {
    return CsvTable.parse("t.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsNumericAndTextColumnsWithLineNumbers() {
    CsvTable t = parse("y,x,g\n1,2.5,a\n\n3,-1e3,b\n");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.columnNames()).containsExactly("y", "x", "g");
    assertThat(t.numbers("x")).containsExactly(2.5, -1000.0);
    assertThat(t.column("g")).isInstanceOf(TextColumn.class);
    assertThat(((TextColumn) t.column("g")).values()).containsExactly("a", "b");
    assertThat(t.line(1)).isEqualTo(4);
  }

  @Test
  void handlesBomCrlfAndRfc4180Quotes() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String body = "\"name\",n\r\n\"a, \"\"quoted\"\"\nvalue\",1\r\n\"ü\",\"2\"\r\nlast,3";
    byte[] rest = body.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + rest.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(rest, 0, all, 3, rest.length);
    CsvTable t = CsvTable.parse("q.csv", all);
    assertThat(t.columnNames()).containsExactly("name", "n");
    assertThat(((TextColumn) t.column("name")).values())
        .containsExactly("a, \"quoted\"\nvalue", "ü", "last");
    assertThat(t.numbers("n")).containsExactly(1, 2, 3);
    assertThat(t.line(1)).isEqualTo(4);
    assertThat(t.line(2)).isEqualTo(5);
  }

  @Test
  void aNonNumberMakesTheColumnTextAndNamesTheFirstBadCell() {
    CsvTable t = parse("y\n1\n2\nthree\n4\n");
    assertThatThrownBy(() -> t.numbers("y"))
        .isInstanceOf(DataException.class)
        .hasMessage("t.csv: line 4, column 'y': non-numeric value 'three'");
  }

  @Test
  void aColumnOfNumbersAndTextIsMixedButATextColumnIsNot() {
    CsvTable t = parse("x,g,h\n1.5,a,NA\n NA ,b,c\n1e2,7,d\nabc,c,\n");
    TextColumn x = (TextColumn) t.column("x");
    assertThatThrownBy(x::requireNotMixed).isInstanceOf(DataException.class)
        .hasMessage("t.csv: line 5, column 'x': 'abc' (data row 4) is not a number, but the"
            + " column holds numbers (e.g. '1.5' on line 2); correct the value, or write"
            + " factor(x) in the formula to use the column as a factor");
    assertThatThrownBy(((TextColumn) t.column("g"))::requireNotMixed)
        .hasMessageContaining("line 2, column 'g': 'a' (data row 1)")
        .hasMessageContaining("'7' on line 4");
    ((TextColumn) t.column("h")).requireNotMixed();
    assertThat(((TextColumn) t.column("h")).values()).containsExactly("NA", "c", "d", "");
  }

  @Test
  void missingAndNonFiniteCellsAreNamed() {
    CsvTable t = parse("a,b,c\n1,2,3\nNA,Inf,\n");
    assertThat(t.column("a")).isInstanceOf(NumericColumn.class);
    assertThatThrownBy(() -> t.numbers("a"))
        .hasMessage("t.csv: line 3, column 'a': missing value");
    assertThatThrownBy(() -> t.numbers("b"))
        .hasMessage("t.csv: line 3, column 'b': value Infinity is not a finite number");
    assertThatThrownBy(() -> t.numbers("c"))
        .hasMessage("t.csv: line 3, column 'c': missing value");
  }

  @Test
  void structuralErrorsAreOneLineWithFileAndLine() {
    assertThatThrownBy(() -> parse("a,b\n1,2\n3\n"))
        .isInstanceOf(DataException.class)
        .hasMessage("t.csv: line 3: expected 2 fields (as in the header), found 1");
    assertThatThrownBy(() -> parse("a,b\n")).hasMessage("t.csv: no data rows (only a header)");
    assertThatThrownBy(() -> parse("")).hasMessage("t.csv: file is empty (expected a header row)");
    assertThatThrownBy(() -> parse("a,a\n1,2\n"))
        .hasMessage("t.csv: line 1: duplicate column name 'a'");
    assertThatThrownBy(() -> parse("a\n\"open\n"))
        .hasMessage("t.csv: line 2: unterminated quoted field");
    assertThatThrownBy(() -> parse("a\n1\n").column("b"))
        .hasMessage("t.csv: no column 'b' (columns: a)");
  }

  @Test
  void countsMustBeNonNegativeWholeNumbers() {
    CsvTable t = parse("y,w\n1,1\n-3,0.5\n2.5,-1\n");
    assertThatThrownBy(() -> t.counts("y"))
        .hasMessage("t.csv: line 3, column 'y': a count must be a non-negative whole number, got -3");
    assertThatThrownBy(() -> parse("y\n2.5\n").counts("y"))
        .hasMessage("t.csv: line 2, column 'y': a count must be a non-negative whole number, got 2.5");
    assertThatThrownBy(() -> t.weights("w"))
        .hasMessage("t.csv: line 4, column 'w': a weight must be non-negative, got -1");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path nowhere = dir.resolve("nowhere.csv");
    assertThatThrownBy(() -> CsvTable.read(nowhere))
        .isInstanceOf(DataException.class)
        .hasMessage(nowhere + ": file not found");
  }

  /**
   * 200k rows × 10 numeric columns (~30 MB) read exactly. How fast is measured by the whole-process
   * benchmark (scripts/bench/compare.sh), not here: a timed unit test only measures the machine's
   * load.
   */
  @Test
  void reads200kBy10NumericFileExactly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.csv");
    StringBuilder sb = new StringBuilder(32_000_000);
    sb.append("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    double[] last = new double[10];
    for (int i = 0; i < 200_000; i++) {
      for (int j = 0; j < 10; j++) {
        if (j > 0) {
          sb.append(',');
        }
        last[j] = j == 0 ? random.nextInt(50) : random.nextGaussian();
        sb.append(j == 0 ? Integer.toString((int) last[j]) : Double.toString(last[j]));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb);
    assertThat(Files.size(file)).isGreaterThan(25_000_000);
    CsvTable t = CsvTable.read(file);
    assertThat(t.rows()).isEqualTo(200_000);
    for (int j = 0; j < 10; j++) {
      assertThat(t.numbers("c" + j)[199_999]).isEqualTo(last[j]);
    }
  }

  /**
   * A file read in chunks on several threads is the same table as read in one piece: rows,
   * lines, column kinds, values, dictionary-coded text, and the cells a mixed column's message
   * names, with the text of a mixed column first seen in a later chunk, blank lines, CRLF, and
   * quoted fields (with commas, doubled quotes and line breaks) on either side of a cut.
   */
  @Test
  void chunkedReadIsTheSequentialRead() {
    for (boolean quotedLineBreaks : new boolean[] {false, true}) {
      byte[] bytes = mixedFile(quotedLineBreaks);
      CsvTable whole = CsvTable.parse("t.csv", bytes, 1);
      assertThat(whole.rows()).isEqualTo(400);
      for (int chunks = 2; chunks <= 7; chunks++) {
        assertSameTable(CsvTable.parse("t.csv", bytes, chunks), whole);
      }
      assertThat(((TextColumn) whole.column("q")).distinctValues())
          .containsExactlyInAnyOrder(quotedLineBreaks ? "a, \"b\"\nc" : "a, \"b\" c", "plain");
      assertThatThrownBy(((TextColumn) whole.column("late"))::requireNotMixed)
          .hasMessageStartingWith("t.csv: line " + whole.line(333) + ", column 'late': 'abc'"
              + " (data row 334) is not a number");
    }
  }

  private static byte[] mixedFile(boolean quotedLineBreaks) {
    StringBuilder sb = new StringBuilder("y,x,g,mixed,late,q\r\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String quoted = quotedLineBreaks ? "\"a, \"\"b\"\"\nc\"" : "\"a, \"\"b\"\" c\"";
    for (int i = 0; i < 400; i++) {
      if (i % 37 == 0) {
        sb.append("\n");
      }
      sb.append(random.nextInt(9)).append(',')
          .append(i % 53 == 0 ? "NA" : Double.toString(random.nextGaussian())).append(',')
          .append("abc".charAt(random.nextInt(3))).append(',')
          .append(i % 5 == 0 ? "lvl" + (i % 3) : Integer.toString(i % 4)).append(',')
          .append(i == 333 ? "abc" : Integer.toString(i)).append(',')
          .append(i % 3 == 0 ? quoted : i % 3 == 1 ? "\"plain\"" : "plain")
          .append(i % 2 == 0 ? "\r\n" : "\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An error in a later chunk names the line a sequential read names. */
  @Test
  void errorsInALaterChunkNameTheFileLine() {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 300; i++) {
      sb.append(i == 250 ? "1,2,3" : i + "," + i).append(i % 7 == 0 ? "\n\n" : "\n");
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    for (int chunks = 1; chunks <= 4; chunks++) {
      int n = chunks;
      assertThatThrownBy(() -> CsvTable.parse("t.csv", bytes, n))
          .hasMessage("t.csv: line 288: expected 2 fields (as in the header), found 3");
    }
    byte[] open = (sb.substring(0, sb.indexOf("1,2,3")) + "\"open\n1\n2\n")
        .getBytes(StandardCharsets.UTF_8);
    for (int chunks = 1; chunks <= 4; chunks++) {
      int n = chunks;
      assertThatThrownBy(() -> CsvTable.parse("t.csv", open, n))
          .hasMessage("t.csv: line 288: unterminated quoted field");
    }
  }

  private static void assertSameTable(CsvTable actual, CsvTable expected) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
    for (int i = 0; i < expected.rows(); i++) {
      assertThat(actual.line(i)).as("line of row %d", i).isEqualTo(expected.line(i));
    }
    for (String name : expected.columnNames()) {
      Column e = expected.column(name);
      Column a = actual.column(name);
      assertThat(a.getClass()).as(name).isEqualTo(e.getClass());
      for (int i = 0; i < expected.rows(); i++) {
        assertThat(a.isMissing(i)).as("%s missing at %d", name, i).isEqualTo(e.isMissing(i));
      }
      if (e instanceof TextColumn text) {
        assertThat(((TextColumn) a).values()).as(name).containsExactly(text.values());
        assertThat(message(((TextColumn) a)::requireNotMixed))
            .isEqualTo(message(text::requireNotMixed));
        assertThat(((TextColumn) a).notNumeric()).hasMessage(text.notNumeric().getMessage());
      } else {
        assertThat(message(() -> actual.numbers(name)))
            .isEqualTo(message(() -> expected.numbers(name)));
      }
    }
  }

  private static String message(Runnable check) {
    try {
      check.run();
      return null;
    } catch (DataException e) {
      return e.getMessage();
    }
  }
}
