package io.countcast.model.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.DataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DesignBuilderTest {

  private static CsvTable table(String text) {
    return CsvTable.parse("d.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  private static final String DATA = "y,g,x,e\n1,b,0.5,2\n2,a,1.5,1\n0,c,2.5,4\n3,a,3.0,1\n";

  @Test
  void specSurvivesJsonAndRebuildsTheSameColumnsOnNewData() throws Exception {
    Design fitted = DesignBuilder.build(
        Formula.parse("y ~ g*log(x) + offset(log(e))"), table(DATA));
    assertThat(fitted.matrix().names()).containsExactly("(Intercept)", "gb", "gc", "log(x)",
        "gb:log(x)", "gc:log(x)");
    ObjectMapper json = new ObjectMapper();
    DesignSpec back = json.readValue(json.writeValueAsString(fitted.spec()), DesignSpec.class);
    assertThat(back).isEqualTo(fitted.spec());

    // New data holds only level 'c' and no response column: columns must not change.
    Design again = DesignBuilder.rebuild(back, table("g,x,e\nc,2.0,3\n"));
    assertThat(again.matrix().names()).isEqualTo(fitted.matrix().names());
    assertThat(again.matrix().row(0))
        .containsExactly(1, 0, 1, Math.log(2.0), 0, Math.log(2.0));
    assertThat(again.offset()).containsExactly(Math.log(3));
  }

  @Test
  void fourierTermsUseRsPiUnlessTheDataHasAPiColumn() {
    Design d = DesignBuilder.build(
        Formula.parse("y ~ sin(2*pi*x/24) + cos(2*pi*x/24)"), table(DATA));
    assertThat(d.matrix().names())
        .containsExactly("(Intercept)", "sin(2 * pi * x/24)", "cos(2 * pi * x/24)");
    assertThat(d.matrix().get(1, 1)).isCloseTo(Math.sin(2 * Math.PI * 1.5 / 24), within(1e-15));
    assertThat(d.matrix().get(1, 2)).isCloseTo(Math.cos(2 * Math.PI * 1.5 / 24), within(1e-15));

    Design shadowed = DesignBuilder.build(Formula.parse("y ~ sin(pi)"), table("y,pi\n1,0\n2,1\n"));
    assertThat(shadowed.matrix().get(1, 1)).isEqualTo(Math.sin(1));
  }

  @Test
  void unknownLevelAtPredictTimeNamesLineColumnAndLevel() {
    Design fitted = DesignBuilder.build(Formula.parse("y ~ g"), table(DATA));
    assertThatThrownBy(() -> DesignBuilder.rebuild(fitted.spec(), table("g\na\nz\n")))
        .isInstanceOf(DataException.class)
        .hasMessage("d.csv: line 3, column 'g': level 'z' was not seen when the model was fitted"
            + " (levels: a, b, c)");
  }

  @Test
  void badCellsInFormulaVariablesAreNamed() {
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ nope"), table(DATA)))
        .hasMessage("d.csv: no column 'nope' (columns: y, g, x, e)");
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ log(g)"), table(DATA)))
        .hasMessage("d.csv: line 2, column 'g': non-numeric value 'b'");
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ log(x - 0.5)"), table(DATA)))
        .hasMessage("d.csv: line 2, column 'x': log(x - 0.5) = -Infinity is not a finite number");
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ g"), table("y,g\n1,a\n2,\n")))
        .hasMessage("d.csv: line 3, column 'g': missing value");
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ foo(x)"), table(DATA)))
        .isInstanceOf(FormulaException.class)
        .hasMessageContaining("unknown function 'foo'");
  }

  /** pscl's {@code art ~ . | .}: the zero part's dot must skip the count response too. */
  @Test
  void dotInTheZeroFormulaSkipsTheCountResponse() {
    Path dir = Path.of("src/test/resources/fixtures/biochemists_zinb2");
    CsvTable bio = CsvTable.read(dir.resolve("data.csv"));
    var levels = java.util.Map.of("mar", java.util.List.of("Single", "Married"));
    Design count = DesignBuilder.build(Formula.parse("art ~ ."), bio, levels, null);
    Design zero = DesignBuilder.build(Formula.parse("~ ."), bio, levels, "art");
    assertThat(count.matrix().names()).isEqualTo(CsvTable.read(dir.resolve("X.csv")).columnNames());
    assertThat(zero.matrix().names()).isEqualTo(CsvTable.read(dir.resolve("Z.csv")).columnNames());
    assertThat(zero.matrix().values()).isEqualTo(count.matrix().values());
  }

  @Test
  void defaultLevelsAreSortedSoRFactorOrderMustBeGivenExplicitly() {
    CsvTable bio = CsvTable.read(Path.of("src/test/resources/fixtures/biochemists_nb2/data.csv"));
    Formula f = Formula.parse("art ~ fem + mar");
    assertThat(DesignBuilder.build(f, bio).matrix().names())
        .containsExactly("(Intercept)", "femWomen", "marSingle");
    assertThat(DesignBuilder.build(f, bio,
            java.util.Map.of("mar", java.util.List.of("Single", "Married")), null)
        .matrix().names())
        .containsExactly("(Intercept)", "femWomen", "marMarried");
  }

  /** A design too large for one array is a clear error, not an internal one. */
  @Test
  void aDesignTooLargeForOneArrayIsNamed() {
    StringBuilder csv = new StringBuilder("y,id\n");
    for (int i = 0; i < 50_000; i++) {
      csv.append(i % 7).append(",r").append(i).append('\n');
    }
    CsvTable t = table(csv.toString());
    assertThatThrownBy(() -> DesignBuilder.build(Formula.parse("y ~ id"), t))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("the design would have 50000 rows × 50000 columns");
  }
}
