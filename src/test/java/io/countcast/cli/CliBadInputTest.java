package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input exits 2 with exactly one line on stderr that names the problem and
 * where it is, and nothing that looks like a stack trace.
 */
class CliBadInputTest {

  @TempDir
  Path dir;

  private Path csv(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** Runs a command expected to fail on input; returns its single stderr line. */
  private static String failure(String... args) {
    CliTest.Result r = CliTest.run(args);
    assertThat(r.exit()).as("exit code, stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).as("stderr lines").hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("at io.")
        .doesNotContain("\tat ");
    return r.err().strip();
  }

  private String fit(Path data, String formula, String... more) {
    List<String> args = new ArrayList<>(List.of("fit", "--data", data.toString(), "--formula",
        formula));
    args.addAll(List.of(more));
    return failure(args.toArray(String[]::new));
  }

  @Test
  void missingFile() {
    Path nowhere = dir.resolve("missing.csv");
    assertThat(fit(nowhere, "y ~ x")).isEqualTo("error: " + nowhere + ": file not found");
  }

  @Test
  void missingColumn() throws IOException {
    Path f = csv("d.csv", "y,x\n1,2\n2,3\n3,5\n");
    assertThat(fit(f, "y ~ x + z"))
        .isEqualTo("error: " + f + ": no column 'z' (columns: y, x)");
    assertThat(fit(f, "y ~ x", "--weights", "w"))
        .isEqualTo("error: " + f + ": no column 'w' (columns: y, x)");
  }

  @Test
  void nonNumericValueInTheResponse() throws IOException {
    Path f = csv("d.csv", "y,x\n1,2\nlots,3\n3,5\n");
    assertThat(fit(f, "y ~ x"))
        .isEqualTo("error: " + f + ": line 3, column 'y': non-numeric value 'lots'");
  }

  /** R's read.csv makes such a column a factor without a word; here it stops the fit. */
  @Test
  void aTypoInAColumnOfNumbersIsAnErrorNotAFactor() throws IOException {
    Path f = csv("d.csv", "y,x,g\n1,2.5,a\n2,abc,b\n3,1.5,a\n4,0.5,b\n0,3.5,a\n");
    String expected = "error: " + f + ": line 3, column 'x': 'abc' (data row 2) is not a number,"
        + " but the column holds numbers (e.g. '2.5' on line 2); correct the value, or write"
        + " factor(x) in the formula to use the column as a factor";
    assertThat(fit(f, "y ~ x + g")).isEqualTo(expected);
    assertThat(fit(f, "y ~ .")).isEqualTo(expected);
    assertThat(fit(f, "y ~ g:x")).isEqualTo(expected);
  }

  @Test
  void aColumnOfNumbersWithATypoIsAFactorWhenTheFormulaSaysSo() throws IOException {
    Path f = csv("d.csv", "y,x\n1,1\n2,abc\n3,1\n4,abc\n0,2\n5,2\n2,abc\n");
    CliTest.Result r = CliTest.run("fit", "--data", f.toString(), "--formula", "y ~ factor(x)",
        "--family", "poisson", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"factor(x)2\"").contains("\"factor(x)abc\"");
  }

  @Test
  void negativeAndNonIntegerCounts() throws IOException {
    Path negative = csv("neg.csv", "y,x\n1,2\n2,3\n-1,5\n");
    assertThat(fit(negative, "y ~ x")).isEqualTo("error: " + negative
        + ": line 4, column 'y': a count must be a non-negative whole number, got -1");
    Path fraction = csv("frac.csv", "y,x\n1.5,2\n2,3\n1,5\n");
    assertThat(fit(fraction, "y ~ x")).isEqualTo("error: " + fraction
        + ": line 2, column 'y': a count must be a non-negative whole number, got 1.5");
  }

  @Test
  void nanAndInfinity() throws IOException {
    Path f = csv("d.csv", "y,x,z\n1,2,1\n2,NaN,2\n3,5,Inf\n");
    assertThat(fit(f, "y ~ x"))
        .isEqualTo("error: " + f + ": line 3, column 'x': value NaN is not a finite number");
    assertThat(fit(f, "y ~ z"))
        .isEqualTo("error: " + f + ": line 4, column 'z': value Infinity is not a finite number");
  }

  @Test
  void emptyDataAndRaggedRows() throws IOException {
    Path empty = csv("empty.csv", "y,x\n");
    assertThat(fit(empty, "y ~ x")).isEqualTo("error: " + empty + ": no data rows (only a header)");
    Path ragged = csv("ragged.csv", "y,x\n1,2\n2,3,4\n");
    assertThat(fit(ragged, "y ~ x")).isEqualTo("error: " + ragged
        + ": line 3: expected 2 fields (as in the header), found 3");
  }

  @Test
  void fewerRowsThanCoefficients() throws IOException {
    Path f = csv("d.csv", "y,a,b,c\n1,2,3,4\n2,3,1,5\n");
    assertThat(fit(f, "y ~ a + b + c"))
        .isEqualTo("error: " + f + ": fewer rows (2) than coefficients (4)");
  }

  @Test
  void unparseableFormula() throws IOException {
    Path f = csv("d.csv", "y,x\n1,2\n2,3\n3,5\n");
    assertThat(fit(f, "y ~ x +"))
        .isEqualTo("error: formula 'y ~ x +' at position 8: expected a variable, number or '('"
            + " but found end of formula");
  }

  @Test
  void singularDesign() throws IOException {
    Path f = csv("d.csv", "y,x,x2\n1,1,2\n2,2,4\n4,3,6\n3,4,8\n6,5,10\n");
    assertThat(fit(f, "y ~ x + x2", "--family", "poisson"))
        .startsWith("error: " + f + ": singular design")
        .contains("'x2'");
  }

  @Test
  void badOptions() throws IOException {
    Path f = csv("d.csv", "y,x\n1,2\n2,3\n3,5\n");
    assertThat(fit(f, "y ~ x", "--family", "gamma"))
        .isEqualTo("error: --family: unknown family 'gamma' (expected poisson, nb2, nb1, zinb2"
            + " or auto)");
    assertThat(fit(f, "y ~ x", "--zero-formula", "~ x"))
        .isEqualTo("error: --zero-formula applies only to --family zinb2 or auto");
    assertThat(fit(f, "y ~ x", "--levels", "x=1,2"))
        .isEqualTo("error: --levels x=...: 'x' is not a factor in the model (a numeric column"
            + " needs factor(x) in the formula)");
    assertThat(failure("fit", "--data", f.toString()))
        .startsWith("error: Missing required option: '--formula=FORMULA'")
        .endsWith("(see 'countcast fit --help')");
    assertThat(failure()).startsWith("error: missing command");
    assertThat(failure("frobnicate")).contains("frobnicate");
  }

  @Test
  void predictRejectsCorruptModelsUnknownLevelsAndBadLevel() throws IOException {
    Path data = Path.of("src/test/resources/fixtures/quine_nb2/data.csv");
    Path model = dir.resolve("m.json");
    assertThat(CliTest.run("fit", "--data", data.toString(), "--formula", CliTest.QUINE,
        "--save-model", model.toString()).exit()).isZero();
    Path corrupt = dir.resolve("corrupt.json");
    Files.writeString(corrupt, Files.readString(model).substring(0, 200));
    assertThat(failure("predict", "--model", corrupt.toString(), "--data", data.toString()))
        .startsWith("error: " + corrupt + ": not a valid countcast model file (");
    Path tampered = dir.resolve("tampered.json");
    Files.writeString(tampered, Files.readString(model).replace("\"SexM\"", "\"SexX\""));
    assertThat(failure("predict", "--model", tampered.toString(), "--data", data.toString()))
        .isEqualTo("error: " + tampered
            + ": corrupt model file (column names do not match the terms)");
    Path other = csv("other.json", "{\"hello\": 1}");
    assertThat(failure("predict", "--model", other.toString(), "--data", data.toString()))
        .startsWith("error: " + other + ": ");
    Path fresh = csv("new.csv", "Eth,Sex,Age,Lrn\nA,M,F0,SL\nA,X,F0,SL\n");
    assertThat(failure("predict", "--model", model.toString(), "--data", fresh.toString()))
        .isEqualTo("error: " + fresh + ": line 3, column 'Sex': level 'X' was not seen when the"
            + " model was fitted (levels: F, M)");
    assertThat(failure("predict", "--model", model.toString(), "--data", data.toString(),
        "--level", "1.5"))
        .isEqualTo("error: --level must be strictly between 0 and 1, got 1.5");
    assertThat(failure("predict", "--model", dir.resolve("none.json").toString(), "--data",
        data.toString())).isEqualTo("error: " + dir.resolve("none.json") + ": model file not found");
  }
}
