package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code countcast backtest} on quiet series (two weeks of 5-minute windows, a week of
 * training): all zeros, one event, and events in 0.2% of the windows. Each used to exit 2 with
 * "all counts are zero"; now each is forecast by the Gamma–Poisson rate and covers.
 */
class QuietSeriesBacktestTest {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int WINDOWS = 14 * 288;

  @TempDir
  Path dir;

  private Path series(String kind) throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < WINDOWS; i++) {
      int y = switch (kind) {
        case "zero" -> 0;
        case "one" -> i == 1500 ? 1 : 0;
        default -> random.nextDouble() < 0.002 ? 1 : 0;
      };
      csv.append(UTC.format(Instant.ofEpochSecond(1_767_225_600L + 300L * i))).append(',')
          .append(y).append('\n');
    }
    Path file = dir.resolve(kind + ".csv");
    Files.writeString(file, csv);
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"zero", "one", "rare"})
  void aQuietSeriesIsForecastAndCovers(String kind) throws IOException {
    CliTest.Result r = CliTest.run("backtest", "--series", series(kind).toString(),
        "--window", "5m", "--train", "7d", "--horizon", "1h", "--step", "1d", "--json");

    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    System.out.printf(Locale.ROOT, "quiet %s: folds %d, windows %d, pit90 %.3f, coverage90 %.3f,"
        + " log score %.5f, MAE %.3f, choices %s%n", kind, j.get("folds").asInt(),
        j.get("windows").asInt(), j.get("pit90").asDouble(), j.get("coverage90").asDouble(),
        j.get("logScore").asDouble(), j.get("mae").asDouble(), j.get("choices"));
    assertThat(j.get("family").asText()).isEqualTo("gamma-poisson");
    assertThat(j.get("coverage90").asDouble()).isGreaterThanOrEqualTo(0.85);
    assertThat(j.get("pit90").asDouble()).isBetween(0.85, 0.95);
    assertThat(j.get("mae").asDouble()).isLessThan(0.05);
    assertThat(j.get("logScore").asDouble()).isGreaterThan(-0.05);
  }
}
