package io.countcast.model.formula;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.model.data.CsvTable;
import io.countcast.model.DesignMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design matrices must equal R's {@code model.matrix} exactly: same column names, order and
 * values (to 1e-12). Two sources of truth: the engine's R fixtures (X.csv, Z.csv) and the formula
 * variants in {@code src/test/resources/design} made by {@code src/test/r/design-cases.R}.
 */
class RDesignCasesTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Path CASES = Path.of("src/test/resources/design");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      return dirs.filter(d -> Files.exists(d.resolve("X.csv"))).sorted()
          .map(d -> Arguments.of(d.getFileName().toString())).toList().stream();
    }
  }

  static Stream<Arguments> rCases() throws IOException {
    return Files.readAllLines(CASES.resolve("cases.txt")).stream()
        .map(line -> line.split("\\|", 2))
        .map(parts -> Arguments.of(parts[0], parts[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureDesignsEqualR(String name) throws IOException {
    Path dir = FIXTURES.resolve(name);
    JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
    CsvTable data = CsvTable.read(dir.resolve("data.csv"));
    Map<String, List<String>> levels = new LinkedHashMap<>();
    expected.path("factorLevels").fields().forEachRemaining(e -> {
      List<String> l = new ArrayList<>();
      e.getValue().forEach(v -> l.add(v.asText()));
      levels.put(e.getKey(), l);
    });
    Formula formula = Formula.parse(expected.get("formula").asText());
    Design design = DesignBuilder.build(formula, data, levels, null);
    assertSameAsR(design.matrix(), CsvTable.read(dir.resolve("X.csv")));
    if (expected.has("offset")) {
      double[] exposure = data.numbers("exposure");
      assertThat(expected.get("offset").asText()).isEqualTo("log(exposure)");
      for (int i = 0; i < exposure.length; i++) {
        assertThat(design.offset()[i]).isEqualTo(Math.log(exposure[i]));
      }
    } else {
      assertThat(design.offset()).isNull();
    }
    if (expected.has("zeroFormula")) {
      Design zero = DesignBuilder.build(Formula.parse(expected.get("zeroFormula").asText()), data,
          levels, formula.responseName());
      assertSameAsR(zero.matrix(), CsvTable.read(dir.resolve("Z.csv")));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rCases")
  void formulaVariantsEqualR(String id, String formula) {
    CsvTable data = CsvTable.read(CASES.resolve("data.csv"));
    CsvTable r = CsvTable.read(CASES.resolve(id + ".csv"));
    Design design = DesignBuilder.build(Formula.parse(formula), data);
    assertSameAsR(design.matrix(), r);
    if (r.hasColumn("<offset>")) {
      assertThat(design.offset()).containsExactly(r.numbers("<offset>"),
          org.assertj.core.data.Offset.offset(1e-12));
    } else {
      assertThat(design.offset()).isNull();
    }
  }

  private static void assertSameAsR(DesignMatrix x, CsvTable r) {
    List<String> rColumns = new ArrayList<>(r.columnNames());
    rColumns.remove("<offset>");
    assertThat(x.names()).containsExactlyElementsOf(rColumns);
    assertThat(x.rows()).isEqualTo(r.rows());
    for (int j = 0; j < rColumns.size(); j++) {
      double[] expected = r.numbers(rColumns.get(j));
      for (int i = 0; i < x.rows(); i++) {
        assertThat(x.get(i, j)).as("row %d column %s", i + 1, rColumns.get(j))
            .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }
}
