package io.countcast.signal.prometheus.testdata;

import java.util.Map;

/**
 * One generated counter series: its labels and, per scrape, the scrape time, the counter value
 * and the events counted since the previous scrape (the ground truth).
 *
 * @param labels labels without {@code __name__}
 * @param times scrape times, epoch seconds, increasing
 * @param values counter value at each scrape (drops to a small value after a reset)
 * @param events events that happened between the previous scrape and this one
 */
public record CounterSeries(Map<String, String> labels, long[] times, long[] values,
                            long[] events) {

  /** Index of the latest scrape at or before {@code t}, or -1. */
  public int latestAtOrBefore(long t) {
    int lo = 0;
    int hi = times.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Events of all scrapes with time in {@code (from, to]}. */
  public long eventsIn(long from, long to) {
    long sum = 0;
    for (int i = latestAtOrBefore(to); i >= 0 && times[i] > from; i--) {
      sum += events[i];
    }
    return sum;
  }
}
