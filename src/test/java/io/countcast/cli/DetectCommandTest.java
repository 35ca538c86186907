package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countcast detect} on one simulated weekly series (the first 114 weeks of
 * {@code medium-2}, with an outbreak in weeks 111 and 112): the output's shape, one
 * window per row after the first training span, the observed values, the alarm rule and no
 * look-ahead.
 */
class DetectCommandTest {

  private static final Path OUTBREAKS =
      Path.of("src/test/resources/fixtures/weekly/outbreaks.csv");
  private static final String COLUMN = "medium-2";
  private static final int TRAIN = 104;

  @TempDir
  Path dir;

  /** The first {@code rows} values of the column, as a one-column CSV. */
  private Path firstRows(int rows) throws IOException {
    List<String> lines = Files.readAllLines(OUTBREAKS);
    int col = List.of(lines.get(0).split(",")).indexOf(COLUMN);
    List<String> out = new ArrayList<>();
    out.add("count");
    for (int i = 1; i <= rows; i++) {
      out.add(lines.get(i).split(",")[col]);
    }
    Path file = dir.resolve("series-" + rows + ".csv");
    Files.write(file, out);
    return file;
  }

  private static long[] values(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).mapToLong(Long::parseLong).toArray();
  }

  private static CliTest.Result detect(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("detect", "--series", file.toString(),
        "--value-column", "count", "--period", "52", "--train", "" + TRAIN));
    args.addAll(List.of(extra));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void jsonHasOneWindowPerRowAfterTheTrainingSpanWithTheObservedValue() throws IOException {
    Path file = firstRows(114);
    long[] y = values(file);
    CliTest.Result r = detect(file, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = r.json(); // the whole of stdout is one JSON object
    assertThat(out.get("alarmThreshold").asDouble()).isEqualTo(0.01);
    JsonNode windows = out.get("windows");
    assertThat(windows).hasSize(114 - TRAIN);
    int alarms = 0;
    for (int i = 0; i < windows.size(); i++) {
      JsonNode w = windows.get(i);
      assertThat(w.get("index").asInt()).isEqualTo(TRAIN + i);
      assertThat(w.get("observed").asLong()).isEqualTo(y[TRAIN + i]);
      double score = w.get("score").asDouble();
      assertThat(score).isBetween(0.0, 1.0);
      assertThat(w.get("alarm").asBoolean()).isEqualTo(score <= 0.01);
      assertThat(w.get("expected").asDouble()).isPositive();
      assertThat(w.get("upper").asLong()).isGreaterThanOrEqualTo(0);
      // a count above the 90% bound has an upper-tail probability below 5%
      if (w.get("observed").asLong() > w.get("upper").asLong()) {
        assertThat(score).isLessThan(0.05);
      }
      alarms += w.get("alarm").asBoolean() ? 1 : 0;
    }
    assertThat(out.get("alarms").asInt()).isEqualTo(alarms);
    // weeks 111 and 112 hold a simulated outbreak (outbreak-labels.csv): 25 and 22 cases
    // where about 7 are expected; the weeks before it are quiet
    assertThat(windows.get(111 - TRAIN).get("alarm").asBoolean()).isTrue();
    assertThat(windows.get(112 - TRAIN).get("alarm").asBoolean()).isTrue();
    for (int t = TRAIN; t < 111; t++) {
      assertThat(windows.get(t - TRAIN).get("alarm").asBoolean()).as("week " + t).isFalse();
    }
  }

  @Test
  void csvHasTheSameWindowsAndNothingElse() throws IOException {
    Path file = firstRows(110);
    CliTest.Result csv = detect(file);
    CliTest.Result json = detect(file, "--json");
    assertThat(csv.exit()).as(csv.err()).isZero();
    String[] lines = csv.out().split("\n");
    assertThat(lines[0]).isEqualTo("index,observed,expected,upper,score,alarm");
    assertThat(lines).hasSize(1 + 110 - TRAIN);
    JsonNode windows = json.json().get("windows");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      JsonNode w = windows.get(i - 1);
      assertThat(f).hasSize(6);
      assertThat(Integer.parseInt(f[0])).isEqualTo(w.get("index").asInt());
      assertThat(Long.parseLong(f[1])).isEqualTo(w.get("observed").asLong());
      assertThat(Double.parseDouble(f[2])).isCloseTo(w.get("expected").asDouble(),
          org.assertj.core.api.Assertions.within(1e-5 * w.get("expected").asDouble()));
      assertThat(Long.parseLong(f[3])).isEqualTo(w.get("upper").asLong());
      assertThat(Boolean.parseBoolean(f[5])).isEqualTo(w.get("alarm").asBoolean());
    }
  }

  @Test
  void theWindowOfRowTDependsOnlyOnRowsUpToT() throws IOException {
    JsonNode full = detect(firstRows(114), "--json").json().get("windows");
    for (int t : new int[] {TRAIN, 111, 112}) {
      JsonNode cut = detect(firstRows(t + 1), "--json").json().get("windows");
      assertThat(cut).hasSize(t + 1 - TRAIN);
      assertThat(cut.get(t - TRAIN)).as("row " + t).isEqualTo(full.get(t - TRAIN));
    }
  }

  @Test
  void alarmThresholdIsAProbabilityAndChangesOnlyTheAlarms() throws IOException {
    Path file = firstRows(108);
    CliTest.Result bad = detect(file, "--alarm-threshold", "1.5");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("alarm threshold must be strictly between 0 and 1");
    JsonNode strict = detect(file, "--json", "--alarm-threshold", "0.5").json();
    JsonNode windows = strict.get("windows");
    for (JsonNode w : windows) {
      assertThat(w.get("alarm").asBoolean()).isEqualTo(w.get("score").asDouble() <= 0.5);
    }
  }

  @Test
  void aSeriesNoLongerThanTheTrainingSpanIsAClearError() throws IOException {
    CliTest.Result r = detect(firstRows(TRAIN), "--json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("too short to score");
  }
}
