package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.countcast.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Young series: {@code countcast backtest} on the five NAB tweet series with only 4 hours (48
 * windows) or 1 day of training, daily origins and a 1-hour horizon. The randomized-PIT 90%
 * share must lie in [0.85, 0.95] on most (at least 3 of 5) series for each training length.
 * Every number is printed. Skipped when ../shared/data/nab is not there (a user's clone).
 */
class NabSmallSampleTest {

  private static final List<String> TRAINING = List.of("4h", "1d");

  @Test
  void shortTrainingIsNoLongerFarTooNarrow() throws Exception {
    Path dir = SharedData.nabOrSkip();
    Map<String, JsonNode> reports = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<String, Future<JsonNode>> futures = new LinkedHashMap<>();
      for (String train : TRAINING) {
        for (String s : NabBacktestIT.SYMBOLS) {
          futures.put(s + " " + train, pool.submit(() -> backtest(dir, s, train)));
        }
      }
      for (Map.Entry<String, Future<JsonNode>> e : futures.entrySet()) {
        reports.put(e.getKey(), e.getValue().get());
      }
    } finally {
      pool.shutdownNow();
    }
    StringBuilder table = new StringBuilder(
        "| series | train | folds | pit90 | coverage90 | log score | naive | MAE | naive MAE |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    reports.forEach((key, r) -> table.append(String.format(Locale.ROOT,
        "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n", key.split(" ")[0],
        key.split(" ")[1], r.get("folds").asInt(), r.get("pit90").asDouble(),
        r.get("coverage90").asDouble(), r.get("logScore").asDouble(),
        r.get("naiveLogScore").asDouble(), r.get("mae").asDouble(),
        r.get("naiveMae").asDouble())));
    System.out.println(table);
    // Issue 14 asks for pit90 in [0.85, 0.95] on most series. Measured 2026-12-07: 3 of 5 at
    // 4 h, 5 of 5 at 1 d once a daily cycle seen only once is left out (with it, 2 of 5 at 1 d:
    // AMZN 0.810, FB 0.819). No series may be badly too narrow either (main gave 0.35 at 4 h).
    SoftAssertions soft = new SoftAssertions();
    reports.forEach((key, r) -> soft.assertThat(r.get("pit90").asDouble())
        .as("pit90 of " + key).isBetween(0.80, 0.95));
    for (String train : TRAINING) {
      List<String> inBand = new ArrayList<>();
      reports.forEach((key, r) -> {
        double pit = r.get("pit90").asDouble();
        if (key.endsWith(" " + train) && pit >= 0.85 && pit <= 0.95) {
          inBand.add(key);
        }
      });
      soft.assertThat(inBand).as("series with pit90 in [0.85, 0.95] after " + train
          + " of training").hasSizeGreaterThanOrEqualTo(3);
    }
    soft.assertAll();
  }

  private static JsonNode backtest(Path dir, String symbol, String train) throws Exception {
    CliTest.Result r = CliTest.run("backtest",
        "--series", dir.resolve("Twitter_volume_" + symbol + ".csv").toString(),
        "--window", "5m", "--train", train, "--horizon", "1h", "--step", "1d",
        "--seasonality", "daily,weekly", "--json");
    assertThat(r.err()).as(symbol + " " + train + " stderr").isEmpty();
    assertThat(r.exit()).as(symbol + " " + train + " exit code").isZero();
    return r.json();
  }
}
