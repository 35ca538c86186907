package io.countcast.signal.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@code query_range} over an arbitrarily long range by splitting it into requests of at
 * most {@code maxPoints} evaluation points each, then joins the pieces back into one series per
 * label set.
 */
final class RangeQueries {

  private RangeQueries() {
  }

  /**
   * Evaluation ranges {@code [from, to]} (epoch seconds, aligned to {@code step} from
   * {@code first}) covering {@code [first, last]} with at most {@code maxPoints} points each.
   */
  static List<long[]> split(long first, long last, long step, int maxPoints) {
    List<long[]> chunks = new ArrayList<>();
    long span = (maxPoints - 1L) * step;
    for (long from = first; from <= last; from += span + step) {
      chunks.add(new long[] {from, Math.min(last, from + span)});
    }
    return chunks;
  }

  /** All series of the query over {@code [first, last]}, merged across requests. */
  static List<RangeSeries> fetch(PrometheusClient client, String query, long first, long last,
                                 long step, int maxPoints) {
    Map<Map<String, String>, TreeMap<Long, Double>> merged = new LinkedHashMap<>();
    for (long[] chunk : split(first, last, step, maxPoints)) {
      for (RangeSeries s : client.queryRange(query, chunk[0], chunk[1], step)) {
        TreeMap<Long, Double> points = merged.computeIfAbsent(s.labels(), k -> new TreeMap<>());
        long[] t = s.timestamps();
        double[] v = s.values();
        for (int i = 0; i < t.length; i++) {
          points.put(t[i], v[i]);
        }
      }
    }
    List<RangeSeries> result = new ArrayList<>();
    merged.forEach((labels, points) -> result.add(new RangeSeries(labels,
        points.keySet().stream().mapToLong(Long::longValue).toArray(),
        points.values().stream().mapToDouble(Double::doubleValue).toArray())));
    return result;
  }
}
