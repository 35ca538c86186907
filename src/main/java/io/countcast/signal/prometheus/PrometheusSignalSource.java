package io.countcast.signal.prometheus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads per-window error counts (and optional exposure) of one CountForecast from Prometheus.
 *
 * <p>Windows are {@code (end - w, end]} with {@code end} a multiple of the window length
 * {@code w} in epoch time. On the first call ({@code lastWindowEnd == null}) the source fetches
 * the complete windows of the whole history; afterwards only complete windows after
 * {@code lastWindowEnd}, capped to the history (after a long outage the gap is not fetched
 * beyond it). A window counts as complete once {@code now >= end + settleDelay}. Ranges longer
 * than the point limit are split into several requests.
 *
 * <p>Windows the query has no value for, or a NaN/infinite value, are skipped, never zero-filled:
 * a missing scrape is not evidence of zero errors. With an exposure query, windows whose exposure
 * is missing or not positive are skipped too, since the model takes log(exposure) as offset.
 */
public final class PrometheusSignalSource {

  private final PrometheusClient client;
  private final PrometheusSignalSpec spec;
  private final SignalWindowing windowing;
  private final String countQuery;
  private final String exposureQuery;

  /**
   * @throws io.countcast.signal.prometheus.promql.PromqlException if a query cannot be confined
   *     to the scope's namespace
   */
  public PrometheusSignalSource(PrometheusClient client, PrometheusSignalSpec spec,
                                SignalWindowing windowing, QueryScope scope) {
    this.client = client;
    this.spec = spec;
    this.windowing = windowing;
    String template = spec.mode() == SignalQueryMode.COUNTER ? spec.counterQuery() : spec.query();
    this.countQuery = scope.prepare(template, windowing.window());
    this.exposureQuery = spec.exposureQuery() == null
        ? null : scope.prepare(spec.exposureQuery(), windowing.window());
  }

  /** The count query exactly as sent to Prometheus. */
  public String countQuery() {
    return countQuery;
  }

  /** The exposure query as sent, or null. */
  public String exposureQuery() {
    return exposureQuery;
  }

  /**
   * Windows completed since {@code lastWindowEnd}, oldest first.
   *
   * @param lastWindowEnd end (epoch seconds) of the newest window already stored, or null
   * @param now the current time
   */
  public List<WindowSample> fetch(Long lastWindowEnd, Instant now) {
    long w = windowing.windowSeconds();
    long lastEnd = Math.floorDiv(now.getEpochSecond() - windowing.settleDelay().getSeconds(), w)
        * w;
    long windowsInHistory = windowing.history().getSeconds() / w;
    long historyFirstEnd = lastEnd - (windowsInHistory - 1) * w;
    long firstEnd = lastWindowEnd == null
        ? historyFirstEnd
        : Math.max(historyFirstEnd, Math.floorDiv(lastWindowEnd, w) * w + w);
    if (firstEnd > lastEnd) {
      return List.of();
    }
    SortedMap<Long, Long> counts = spec.mode() == SignalQueryMode.COUNTER
        ? CounterDeltas.windowCounts(
            RangeQueries.fetch(client, countQuery, firstEnd - w, lastEnd, w, maxPoints()), w)
        : roundedCounts(singleSeries(countQuery, firstEnd, lastEnd));
    SortedMap<Long, Double> exposure = exposureQuery == null
        ? null : singleSeries(exposureQuery, firstEnd, lastEnd);
    List<WindowSample> samples = new ArrayList<>();
    counts.forEach((end, count) -> {
      if (end < firstEnd || end > lastEnd) {
        return;
      }
      double e = Double.NaN;
      if (exposure != null) {
        Double value = exposure.get(end);
        if (value == null || !(value > 0)) {
          return;
        }
        e = value;
      }
      samples.add(new WindowSample(end - w, end, count, e));
    });
    return samples;
  }

  private int maxPoints() {
    return windowing.maxPointsPerRequest();
  }

  /** The one series of a per-window query; several series are an error, none is empty. */
  private SortedMap<Long, Double> singleSeries(String query, long firstEnd, long lastEnd) {
    long w = windowing.windowSeconds();
    List<RangeSeries> series = RangeQueries.fetch(client, query, firstEnd, lastEnd, w,
        maxPoints());
    if (series.size() > 1) {
      throw new PrometheusException(PrometheusException.Kind.MANY_SERIES, "query returned " + series.size()
          + " series; wrap it in sum(...) so it yields one value per window: " + query
          + " (series: " + series.stream().limit(3).map(s -> shortLabels(s.labels()))
          .collect(Collectors.joining(", ")) + (series.size() > 3 ? ", ..." : "") + ")");
    }
    SortedMap<Long, Double> values = new TreeMap<>();
    if (series.size() == 1) {
      RangeSeries s = series.get(0);
      long[] t = s.timestamps();
      double[] v = s.values();
      for (int i = 0; i < t.length; i++) {
        values.put(t[i], v[i]);
      }
    }
    return values;
  }

  /** A result series' labels for a message, at most 100 characters. */
  private static String shortLabels(Map<String, String> labels) {
    String text = labels.toString();
    return text.length() <= 100 ? text : text.substring(0, 100) + "...}";
  }

  private static SortedMap<Long, Long> roundedCounts(Map<Long, Double> values) {
    SortedMap<Long, Long> counts = new TreeMap<>();
    values.forEach((end, v) -> counts.put(end, CountRounding.toCount(v, end)));
    return counts;
  }
}
