package io.countcast.signal.prometheus.testdata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Generates {@code http_requests_total{namespace, job="checkout", code}} counters scraped once a
 * minute, and writes them as OpenMetrics text for {@code promtool tsdb create-blocks-from
 * openmetrics}.
 *
 * <p>Per namespace and minute {@code m} (phase {@code φ = 2π·(m mod 1440)/1440}, peak at 14:00):
 * <ul>
 *   <li>successful requests ({@code code="200"}) ~ Poisson({@code requestRate·(1 + 0.5·sin(φ -
 *       π/2 - π/6))}) — daily seasonality;</li>
 *   <li>errors ~ negative binomial NB2 with mean {@code errorRate·exp(0.8·sin(φ - 2π/3))} and
 *       size 2 (drawn as a Gamma–Poisson mixture), multiplied by 10 inside bursts (three bursts
 *       of 30–90 minutes at random times); each error is a {@code 500} with probability 0.7,
 *       else a {@code 503}.</li>
 * </ul>
 * The second namespace has three times the error rate and half the requests, so results from the
 * wrong namespace are easy to tell apart. Optional features of the first namespace: a
 * maintenance window with no traffic at all (exposure 0), a scrape gap (no samples, the counters
 * keep counting) and a counter reset of its 500 series (a restarted process), all placed at
 * whole hours.
 *
 * <p>Scrapes happen at second {@link Config#scrapeOffsetSeconds} of each minute, not on the
 * minute, as real scrapes are never aligned with query evaluation times; this is what makes
 * {@code increase()} extrapolate. The scrape at {@code start + 60·m + offset} reports the events
 * of minute {@code m}; the counters start at 0 with a scrape at {@code start + offset - 60}.
 */
public final class HttpTrafficGenerator {

  /**
   * @param start epoch seconds of the first minute (should be a whole day)
   * @param days length of the data
   * @param seed random seed
   * @param namespaces the first is the tenant with the special events
   * @param requestRate mean successful requests per minute of the first namespace
   * @param errorRate mean errors per minute of the first namespace (outside bursts)
   * @param scrapeOffsetSeconds second of the minute the scrapes happen at
   * @param maintenanceStartHour hour (from start) of a 2 h window with no traffic; -1 for none
   * @param gapStartHour hour (from start) of a 3 h scrape gap; -1 for none
   * @param resetHour hour (from start) at which the first namespace's 500 counter resets; -1
   */
  public record Config(long start, int days, long seed, List<String> namespaces,
                       double requestRate, double errorRate, int scrapeOffsetSeconds,
                       int maintenanceStartHour, int gapStartHour, int resetHour) {

    /** Two weeks for namespaces {@code shop} and {@code payments} with all special events. */
    public static Config twoWeeks(long start) {
      return new Config(start, 14, 20240601L, List.of("shop", "payments"), 200, 0.8, 17,
          5 * 24 + 3, 9 * 24 + 10, 7 * 24);
    }
  }

  private final Config config;
  private final RandomGenerator random;

  private HttpTrafficGenerator(Config config) {
    this.config = config;
    this.random = new Well19937c(config.seed());
  }

  /** The generated counters, 3 per namespace (codes 200, 500, 503). */
  public static List<CounterSeries> generate(Config config) {
    return new HttpTrafficGenerator(config).all();
  }

  private List<CounterSeries> all() {
    int minutes = config.days() * 1440;
    List<CounterSeries> series = new ArrayList<>();
    for (int n = 0; n < config.namespaces().size(); n++) {
      boolean tenant = n == 0;
      double errorScale = tenant ? 1 : 3;
      double requestScale = tenant ? 1 : 0.5;
      long[] ok = new long[minutes];
      long[] e500 = new long[minutes];
      long[] e503 = new long[minutes];
      boolean[] burst = bursts(minutes);
      for (int m = 0; m < minutes; m++) {
        if (tenant && inHours(m, config.maintenanceStartHour(), 2)) {
          continue;
        }
        double phase = 2 * Math.PI * (m % 1440) / 1440.0;
        double requestMean = requestScale * config.requestRate()
            * (1 + 0.5 * Math.sin(phase - Math.PI / 2 - Math.PI / 6));
        ok[m] = poisson(requestMean);
        double errorMean = errorScale * config.errorRate()
            * Math.exp(0.8 * Math.sin(phase - 2 * Math.PI / 3)) * (burst[m] ? 10 : 1);
        long errors = poisson(new GammaDistribution(random, 2.0, errorMean / 2.0).sample());
        e500[m] = errors == 0 ? 0
            : new BinomialDistribution(random, (int) errors, 0.7).sample();
        e503[m] = errors - e500[m];
      }
      String ns = config.namespaces().get(n);
      series.add(counter(ns, "200", ok, tenant, false));
      series.add(counter(ns, "500", e500, tenant, tenant));
      series.add(counter(ns, "503", e503, tenant, false));
    }
    return series;
  }

  private boolean[] bursts(int minutes) {
    boolean[] burst = new boolean[minutes];
    for (int b = 0; b < 3; b++) {
      int length = 30 + random.nextInt(61);
      int from = random.nextInt(minutes - length);
      for (int m = from; m < from + length; m++) {
        burst[m] = true;
      }
    }
    return burst;
  }

  private CounterSeries counter(String namespace, String code, long[] perMinute, boolean tenant,
                                boolean withReset) {
    int minutes = perMinute.length;
    long[] times = new long[minutes + 1];
    long[] values = new long[minutes + 1];
    long[] events = new long[minutes + 1];
    times[0] = config.start() + config.scrapeOffsetSeconds() - 60;
    int n = 1;
    long value = 0;
    long pendingEvents = 0;
    for (int m = 0; m < minutes; m++) {
      if (withReset && m == config.resetHour() * 60) {
        value = 0; // the process restarted just before this minute
      }
      value += perMinute[m];
      pendingEvents += perMinute[m];
      if (tenant && inHours(m, config.gapStartHour(), 3)) {
        continue; // not scraped: the events surface in the next scrape
      }
      times[n] = config.start() + 60L * m + config.scrapeOffsetSeconds();
      values[n] = value;
      events[n] = pendingEvents;
      pendingEvents = 0;
      n++;
    }
    return new CounterSeries(Map.of("namespace", namespace, "job", "checkout", "code", code),
        java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(values, n),
        java.util.Arrays.copyOf(events, n));
  }

  private static boolean inHours(int minute, int startHour, int hours) {
    return startHour >= 0 && minute >= startHour * 60 && minute < (startHour + hours) * 60;
  }

  private long poisson(double mean) {
    return mean <= 0 ? 0 : new PoissonDistribution(random, mean,
        PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
  }

  /** Writes the counters as one OpenMetrics metric family {@code http_requests}. */
  public static void writeOpenMetrics(List<CounterSeries> series, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("# HELP http_requests Requests served, by namespace, job and status code.\n");
      out.write("# TYPE http_requests counter\n");
      for (CounterSeries s : series) {
        String prefix = "http_requests_total{namespace=\"" + s.labels().get("namespace")
            + "\",job=\"" + s.labels().get("job") + "\",code=\"" + s.labels().get("code")
            + "\"} ";
        long[] times = s.times();
        long[] values = s.values();
        for (int i = 0; i < times.length; i++) {
          out.write(prefix);
          out.write(Long.toString(values[i]));
          out.write(' ');
          out.write(Long.toString(times[i]));
          out.write('\n');
        }
      }
      out.write("# EOF\n");
    }
  }
}
