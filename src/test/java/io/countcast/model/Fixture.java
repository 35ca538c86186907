package io.countcast.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One R reference case from {@code src/test/resources/fixtures/<case>/}: the design R built
 * ({@code X.csv}, {@code Z.csv}), the response, offset and weights taken from {@code data.csv} as
 * {@code expected.json} records them, and the expected numbers.
 */
record Fixture(String name, Family family, ModelData data, JsonNode expected) {

  static final Path ROOT = Path.of("src/test/resources/fixtures");
  private static final Pattern LOG_OFFSET = Pattern.compile("log\\((\\w+)\\)");

  static boolean exists(String name) {
    return Files.isRegularFile(ROOT.resolve(name).resolve("expected.json"));
  }

  static Fixture load(String name) {
    Path dir = ROOT.resolve(name);
    try {
      JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
      Table data = Table.read(dir.resolve("data.csv"));
      String response = expected.get("formula").asText().split("~")[0].trim();
      double[] y = data.numeric(response);
      double[] offset = null;
      if (expected.hasNonNull("offset")) {
        Matcher m = LOG_OFFSET.matcher(expected.get("offset").asText());
        if (!m.matches()) {
          throw new IllegalStateException("unsupported offset " + expected.get("offset"));
        }
        offset = Arrays.stream(data.numeric(m.group(1))).map(Math::log).toArray();
      }
      double[] weights = expected.hasNonNull("weights")
          ? data.numeric(expected.get("weights").asText()) : null;
      DesignMatrix x = Table.read(dir.resolve("X.csv")).asDesign();
      Path z = dir.resolve("Z.csv");
      DesignMatrix zeroX = Files.exists(z) ? Table.read(z).asDesign() : null;
      Family family = Family.parse(expected.get("family").asText());
      return new Fixture(name, family, new ModelData(y, x, offset, weights, zeroX), expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The expected estimate and SE of {@code term} in a coefficient list, or null. */
  static JsonNode coefficient(JsonNode list, String term) {
    for (JsonNode c : list) {
      if (c.get("term").asText().equals(term)) {
        return c;
      }
    }
    return null;
  }

  /** A header-plus-rows CSV without quoting. */
  record Table(List<String> header, List<String[]> rows) {
    static Table read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      List<String> header = List.of(lines.get(0).split(",", -1));
      List<String[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
      return new Table(header, rows);
    }

    double[] numeric(String column) {
      int j = header.indexOf(column);
      if (j < 0) {
        throw new IllegalArgumentException("no column " + column + " in " + header);
      }
      return rows.stream().mapToDouble(r -> Double.parseDouble(r[j])).toArray();
    }

    DesignMatrix asDesign() {
      int p = header.size();
      double[] v = new double[rows.size() * p];
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < p; j++) {
          v[i * p + j] = Double.parseDouble(rows.get(i)[j]);
        }
      }
      return new DesignMatrix(header, rows.size(), v);
    }
  }
}
