package io.countcast.signal.prometheus.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTrafficGeneratorTest {

  private static final long START = 1_717_200_000L;
  private static final HttpTrafficGenerator.Config TWO_DAYS = new HttpTrafficGenerator.Config(
      START, 2, 5L, List.of("shop", "payments"), 200, 0.8, 17, 10, 20, 30);

  @Test
  void countersAccumulateTheirEventsAndResetOnlyWhereAsked() {
    for (CounterSeries s : HttpTrafficGenerator.generate(TWO_DAYS)) {
      long[] v = s.values();
      long[] e = s.events();
      boolean resetSeries = s.labels().equals(
          java.util.Map.of("namespace", "shop", "job", "checkout", "code", "500"));
      for (int i = 1; i < v.length; i++) {
        long resetAt = START + 30 * 3600 + 17;
        if (resetSeries && s.times()[i] == resetAt) {
          assertThat(v[i]).isEqualTo(e[i]); // restarted from 0 just before this minute
        } else {
          assertThat(v[i] - v[i - 1]).as("%s at %d", s.labels(), s.times()[i]).isEqualTo(e[i]);
        }
      }
    }
  }

  @Test
  void specialEventsAreWhereConfigured() {
    List<CounterSeries> all = HttpTrafficGenerator.generate(TWO_DAYS);
    CounterSeries shopOk = all.get(0);
    // Maintenance hours 10-11: no events at all.
    assertThat(shopOk.eventsIn(START + 10 * 3600, START + 12 * 3600)).isZero();
    // Scrape gap hours 20-22: no scrapes, and the next scrape carries the gap's events.
    int after = shopOk.latestAtOrBefore(START + 23 * 3600 + 17);
    assertThat(shopOk.times()[after - 1]).isEqualTo(START + 20 * 3600 - 43);
    assertThat(shopOk.events()[after]).isGreaterThan(100 * 180);
    // The other namespace: no gap, and about three times the errors.
    assertThat(all.get(3).times()).hasSize(2 * 1440 + 1);
    long shopErrors = all.get(1).eventsIn(0, Long.MAX_VALUE) + all.get(2).eventsIn(0,
        Long.MAX_VALUE);
    long paymentsErrors = all.get(4).eventsIn(0, Long.MAX_VALUE) + all.get(5).eventsIn(0,
        Long.MAX_VALUE);
    assertThat((double) paymentsErrors / shopErrors).isBetween(2.0, 4.5);
  }

  @Test
  void writesOpenMetricsThatEndWithEof(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.om");
    HttpTrafficGenerator.writeOpenMetrics(HttpTrafficGenerator.generate(TWO_DAYS), file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(1)).isEqualTo("# TYPE http_requests counter");
    assertThat(lines.get(2)).isEqualTo("http_requests_total{namespace=\"shop\",job=\"checkout\","
        + "code=\"200\"} 0 " + (START - 43));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
  }
}
