package io.countcast.model.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
