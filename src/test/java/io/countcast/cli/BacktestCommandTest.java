package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.countcast.series.CountSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @TempDir
  Path dir;

  /** Four days of 15-minute NB2 counts around a daily cycle, one window missing. */
  private Path series() throws IOException {
    Well19937c rng = new Well19937c(4);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 4 * 96; i++) {
      if (i == 200) {
        continue;
      }
      double mu = 12 * Math.exp(0.7 * Math.sin(2 * Math.PI * i / 96));
      int y = new PascalDistribution(rng, 4, 4 / (4 + mu)).sample();
      csv.append(UTC.format(Instant.ofEpochSecond(1_425_000_000L / 900 * 900 + i * 900L)))
          .append(',').append(y).append('\n');
    }
    Path file = dir.resolve("s.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void jsonReportHasTheDocumentedFields() throws IOException {
    Path labels = dir.resolve("labels.json");
    Files.writeString(labels, "{\"s.csv\": [[\"2015-02-28 00:00:00\", \"2015-02-28 06:00:00\"]]}");
    CliTest.Result r = CliTest.run("backtest", "--series", series().toString(), "--window", "15m",
        "--train", "2d", "--horizon", "1h", "--step", "6h", "--seasonality", "daily",
        "--threshold", "30", "--labels", labels.toString(), "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    for (String field : new String[] {"family", "folds", "mae", "naiveMae", "poissonMae",
        "logScore", "poissonLogScore", "naiveLogScore", "coverage50", "coverage90", "pit90",
        "brier", "surge"}) {
      assertThat(j.has(field)).as(field).isTrue();
    }
    assertThat(j.get("folds").asInt()).isEqualTo(8);
    assertThat(j.get("threshold").asLong()).isEqualTo(30);
    assertThat(j.get("surge").get("labels")).hasSize(1);
  }

  @Test
  void periodModeCountsRows() throws IOException {
    StringBuilder csv = new StringBuilder("week,count\n");
    long[] counts = new long[160];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 5 + Math.round(4 * Math.sin(2 * Math.PI * i / 52)) + (i % 3);
      csv.append(i).append(',').append(counts[i]).append('\n');
    }
    Path file = dir.resolve("weekly.csv");
    Files.writeString(file, csv);
    CliTest.Result r = CliTest.run("backtest", "--series", file.toString(), "--value-column",
        "count", "--period", "52", "--train", "104", "--horizon", "4", "--step", "8", "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.json().get("folds").asInt()).isEqualTo(7);
    assertThat(CountSeries.ofRows(counts).size()).isEqualTo(160);
  }

  @Test
  void badInputExitsTwoWithOneLineNamingFileLineAndColumn() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "timestamp,value\n2015-01-01 00:00:00,3\n2015-01-01 00:05:00,2.5\n");
    CliTest.Result r = CliTest.run("backtest", "--series", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("bad.csv").contains("line 3")
        .contains("'value'");
    Files.writeString(file, "timestamp,value\n2015-01-01 00:00:00,3\n2015-01-01 00:07:00,2\n");
    r = CliTest.run("backtest", "--series", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("line 3").contains("'timestamp'").contains("300 s windows");
    Files.writeString(file, "timestamp,value\n2015-01-01 00:00:00,3\n2015-01-01 00:05:00,2\n");
    r = CliTest.run("backtest", "--series", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).contains("bad.csv").contains("too short for one fold");
    r = CliTest.run("backtest", "--series", file.toString(), "--window", "5 parsecs");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--window");
  }

  private static final java.util.List<String> WINDOW_COLUMNS = java.util.List.of("origin",
      "time", "step", "observed", "expected", "median", "lower", "upper", "pit", "pExceed",
      "surgeProbability", "alarm", "anomalyScore", "poissonExpected", "naiveExpected", "lastValueExpected",
      "note");

  @Test
  void windowsCsvAndJsonHaveOneRowPerOriginAndObservedStep() throws IOException {
    Path csv = dir.resolve("windows.csv");
    CliTest.Result r = CliTest.run("backtest", "--series", series().toString(), "--window", "15m",
        "--train", "2d", "--horizon", "1h", "--step", "6h", "--seasonality", "daily",
        "--threshold", "30", "--output", csv.toString(), "--json", "--windows");
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    java.util.List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0).split(",")).containsExactlyElementsOf(WINDOW_COLUMNS);
    // 8 origins (2 d of training, then every 6 h while an hour fits) x 4 windows of 15 min
    assertThat(lines).hasSize(1 + 8 * 4);
    assertThat(lines.get(1)).startsWith("2015-03-01T01:15:00Z,2015-03-01T01:15:00Z,1,");
    assertThat(lines.get(2)).startsWith("2015-03-01T01:15:00Z,2015-03-01T01:30:00Z,2,");
    JsonNode j = r.json();
    assertThat(j.get("windows")).hasSize(32);
    JsonNode w = j.get("windows").get(0);
    assertThat(w.fieldNames()).toIterable().containsExactlyElementsOf(WINDOW_COLUMNS);
    assertThat(w.get("lower").asLong()).isLessThanOrEqualTo(w.get("median").asLong());
    assertThat(w.get("pit").asDouble()).isBetween(0.0, 1.0);
    assertThat(w.get("anomalyScore").asDouble()).isBetween(0.0, 1.0);
    for (String model : new String[] {"model", "poisson", "seasonalNaive", "lastValue"}) {
      JsonNode s = j.get("scores").get(model);
      for (String score : new String[] {"logScore", "crps", "interval80", "interval90", "mae",
          "mase", "coverage50", "coverage80", "coverage90", "pit90", "brier"}) {
        assertThat(s.get(score).isNumber()).as(model + " " + score).isTrue();
      }
    }
    assertThat(j.get("skippedOrigins").asInt()).isZero();
    // without --windows the summary stays small
    r = CliTest.run("backtest", "--series", series().toString(), "--window", "15m",
        "--train", "2d", "--horizon", "1h", "--step", "6h", "--seasonality", "daily", "--json");
    assertThat(r.json().has("windows")).isFalse();
  }

  @Test
  void plotsAreValidPngAndSvgOfTheDocumentedSize() throws IOException {
    Path png = dir.resolve("b.png");
    Path svg = dir.resolve("b.svg");
    for (Path plot : new Path[] {png, svg}) {
      CliTest.Result r = CliTest.run("backtest", "--series", series().toString(), "--window",
          "15m", "--train", "2d", "--horizon", "1h", "--step", "6h", "--seasonality", "daily",
          "--plot", plot.toString());
      assertThat(r.err()).isEmpty();
      assertThat(r.exit()).isZero();
    }
    byte[] bytes = Files.readAllBytes(png);
    assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r',
        '\n', 0x1a, '\n');
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(800);
    org.w3c.dom.Document doc;
    try {
      javax.xml.parsers.DocumentBuilderFactory factory =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      // JFreeSVG writes the SVG 1.1 DOCTYPE; the test must not fetch its DTD from w3.org
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd",
          false);
      doc = factory.newDocumentBuilder().parse(svg.toFile());
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new AssertionError("not well-formed SVG: " + e.getMessage(), e);
    }
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(Double.parseDouble(doc.getDocumentElement().getAttribute("width")))
        .isEqualTo(1200);
    assertThat(Double.parseDouble(doc.getDocumentElement().getAttribute("height")))
        .isEqualTo(800);
    assertThat(Files.readString(svg)).contains("PIT histogram");
    CliTest.Result bad = CliTest.run("backtest", "--series", series().toString(), "--plot",
        dir.resolve("b.gif").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--plot must name a .png or .svg file");
  }

  /** 208 weeks with a yearly cycle and a burst every 26 weeks, as rows without a clock. */
  private Path weekly(int leadingZeros) throws IOException {
    Well19937c rng = new Well19937c(7);
    StringBuilder csv = new StringBuilder("week,count\n");
    for (int i = 0; i < 208; i++) {
      double mu = 8 * Math.exp(0.5 * Math.sin(2 * Math.PI * i / 52)) * (i % 26 == 20 ? 6 : 1);
      long y = i < leadingZeros ? 0 : new PascalDistribution(rng, 5, 5 / (5 + mu)).sample();
      csv.append(i).append(',').append(y).append('\n');
    }
    Path file = dir.resolve("weekly" + leadingZeros + ".csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void rowModeQuotesRatesPerPeriodOfRows() throws IOException {
    Path out = dir.resolve("w.csv");
    CliTest.Result r = CliTest.run("backtest", "--series", weekly(0).toString(),
        "--value-column", "count", "--period", "52", "--train", "104", "--horizon", "1",
        "--step", "1", "--threshold", "14", "--surge-level", "0.3", "--json",
        "--output", out.toString());
    assertThat(r.err()).isEmpty();
    JsonNode surge = r.json().get("surge");
    assertThat(r.json().get("mode").asText()).isEqualTo("rows");
    assertThat(surge.has("falseAlarmsPerWeek")).isFalse();
    assertThat(surge.get("periodRows").asLong()).isEqualTo(52);
    // no labels: every origin is outside a labelled zone; 104 origins one row apart = 2 periods
    int origins = surge.get("origins").asInt();
    assertThat(origins).isEqualTo(104);
    int falseAlarms = surge.get("falseAlarms").asInt();
    assertThat(falseAlarms).isPositive();
    assertThat(surge.get("falseAlarmsPerPeriod").asDouble())
        .isCloseTo(falseAlarms / (origins / 52.0), org.assertj.core.api.Assertions.within(1e-9));
    // alarm episodes counted from the windows file: runs of consecutive alarming rows
    java.util.List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("origin,row,step,");
    int episodes = 0;
    boolean before = false;
    for (String line : lines.subList(1, lines.size())) {
      boolean alarm = Boolean.parseBoolean(line.split(",")[WINDOW_COLUMNS.indexOf("alarm")]);
      episodes += alarm && !before ? 1 : 0;
      before = alarm;
    }
    assertThat(episodes).isEqualTo(falseAlarms);
    CliTest.Result text = CliTest.run("backtest", "--series", weekly(0).toString(),
        "--value-column", "count", "--period", "52", "--train", "104", "--horizon", "4",
        "--step", "4");
    assertThat(text.out()).contains("per period of 52 rows").doesNotContain("week");
  }

  @Test
  void allZeroTrainingOriginsDoNotAbortTheRun() throws IOException {
    Path out = dir.resolve("z.csv");
    CliTest.Result r = CliTest.run("backtest", "--series", weekly(60).toString(),
        "--value-column", "count", "--period", "13", "--train", "26", "--horizon", "2",
        "--step", "2", "--json", "--output", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    int skipped = j.get("skippedOrigins").asInt();
    assertThat(j.get("skipped")).hasSize(skipped);
    assertThat(j.get("folds").asInt() + skipped).isEqualTo((208 - 2 - 26) / 2 + 1);
    // origins 26, 28, ..., 60 train on zeros only (rows [o − 26, o) all before row 60): each is
    // either skipped with its reason on every one of its windows, or forecast (an engine with
    // a path for zeros-only windows)
    java.util.List<String> lines = Files.readAllLines(out);
    java.util.Set<Long> skippedOrigins = new java.util.HashSet<>();
    j.get("skipped").forEach(o -> {
      assertThat(o.get("reason").asText()).isNotBlank();
      skippedOrigins.add(o.get("origin").asLong());
    });
    int note = WINDOW_COLUMNS.indexOf("note");
    int expected = WINDOW_COLUMNS.indexOf("expected");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      long origin = Long.parseLong(cells[0]);
      if (skippedOrigins.contains(origin)) {
        assertThat(cells[note]).as(line).isNotBlank();
        assertThat(cells[expected]).as(line).isEmpty();
      } else {
        assertThat(Double.parseDouble(cells[expected])).as(line).isNotNegative();
      }
    }
    assertThat(lines).hasSize(1 + 2 * ((208 - 2 - 26) / 2 + 1));
    CliTest.Result text = CliTest.run("backtest", "--series", weekly(60).toString(),
        "--value-column", "count", "--period", "13", "--train", "26", "--horizon", "2",
        "--step", "2");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains(skipped + " skipped");
    if (skipped > 0) {
      assertThat(text.out()).contains("skipped origin 26: ");
    }
  }

  @Test
  void todaysEngineSkipsZerosOnlyTrainingWindows() throws IOException {
    // the engine refuses a fit on zeros only ("all counts are zero"), so these origins are
    // skipped and reported; an engine with a zero-event path (issue 14) forecasts them instead
    CliTest.Result r = CliTest.run("backtest", "--series", weekly(60).toString(),
        "--value-column", "count", "--period", "13", "--train", "26", "--horizon", "2",
        "--step", "2", "--json");
    org.junit.jupiter.api.Assumptions.assumeTrue(r.json().get("skippedOrigins").asInt() > 0,
        "the engine forecasts zeros-only windows: nothing to skip");
    assertThat(r.json().get("skippedOrigins").asInt()).isEqualTo(18);
    assertThat(r.json().get("skipped").get(0).get("origin").asLong()).isEqualTo(26);
  }

  @Test
  void firstOriginChoosesWhereScoringStarts() throws IOException {
    CliTest.Result r = CliTest.run("backtest", "--series", weekly(0).toString(),
        "--value-column", "count", "--period", "52", "--train", "104", "--horizon", "4",
        "--step", "4", "--first-origin", "160", "--json", "--windows");
    assertThat(r.err()).isEmpty();
    assertThat(r.json().get("folds").asInt()).isEqualTo(12); // 160, 164, ..., 204
    assertThat(r.json().get("windows").get(0).get("origin").asLong()).isEqualTo(160);
    CliTest.Result bad = CliTest.run("backtest", "--series", weekly(0).toString(),
        "--value-column", "count", "--period", "52", "--train", "104", "--horizon", "4",
        "--step", "4", "--first-origin", "0");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--first-origin");
  }
}
