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
    r = CliTest.run("backtest", "--series", file.toString(), "--window", "5 parsecs");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--window");
  }
}
