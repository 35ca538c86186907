package io.countcast.signal.prometheus;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-window counts from raw counters sampled at window edges (a {@code query_range} with step =
 * window of the counter itself).
 *
 * <p>For each series separately, the count of window {@code (t - w, t]} is {@code v(t) - v(t -
 * w)}; if the counter dropped (a restart reset it), the count is {@code v(t)}, the events since
 * the reset (events between the last sample before the reset and the reset are lost, as in
 * Prometheus' own {@code increase()}). A series' first edge is only a baseline: it is not counted,
 * because the counter's value then holds the events of all its earlier life. When either edge is
 * missing for a series (series absent or stale), that series contributes nothing to the window;
 * a window no series covers with both edges is missing, not zero. Per-series differencing
 * matters: differencing a {@code sum} of counters would turn one series' reset into a large
 * negative jump.
 */
public final class CounterDeltas {

  private CounterDeltas() {
  }

  /**
   * @param series the counters, each evaluated at window edges spaced {@code window} apart
   * @param window window length in seconds
   * @return window end (epoch seconds) to count, for windows at least one series covers
   */
  public static SortedMap<Long, Long> windowCounts(List<RangeSeries> series, long window) {
    SortedMap<Long, Long> counts = new TreeMap<>();
    for (RangeSeries s : series) {
      long[] t = s.timestamps();
      double[] v = s.values();
      for (int i = 1; i < t.length; i++) {
        if (t[i] - t[i - 1] != window) {
          continue;
        }
        double delta = v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i];
        counts.merge(t[i], CountRounding.toCount(delta, t[i]), Long::sum);
      }
    }
    return counts;
  }
}
