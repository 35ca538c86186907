package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.testdata.CounterSeries;
import java.util.List;

/**
 * What Prometheus 2.42 computes from the generated samples, re-derived independently so that the
 * tests can compare the client's output with exact expectations.
 */
final class PrometheusReference {

  /** Prometheus' default lookback for instant selectors. */
  static final long LOOKBACK_SECONDS = 300;

  private PrometheusReference() {
  }

  /**
   * {@code increase(s[range])} evaluated at {@code t}, following Prometheus 2.42's
   * {@code extrapolatedRate}: samples in {@code [t - range, t]}, resets added back, extrapolated
   * to the range edges when the first/last sample is within 1.1 average intervals of them (else
   * by half an interval), never past the counter's zero point. NaN when fewer than 2 samples.
   */
  static double increase(CounterSeries s, long t, long range) {
    long[] times = s.times();
    long[] values = s.values();
    int last = s.latestAtOrBefore(t);
    int first = last;
    while (first > 0 && times[first - 1] >= t - range) {
      first--;
    }
    if (last < 0 || times[first] < t - range || last - first < 1) {
      return Double.NaN;
    }
    double result = values[last] - values[first];
    for (int i = first + 1; i <= last; i++) {
      if (values[i] < values[i - 1]) {
        result += values[i - 1];
      }
    }
    double toStart = times[first] - (t - range);
    double toEnd = t - times[last];
    double sampled = times[last] - times[first];
    double average = sampled / (last - first);
    if (result > 0 && values[first] >= 0) {
      toStart = Math.min(toStart, sampled * (values[first] / result));
    }
    double threshold = average * 1.1;
    double interval = sampled + (toStart < threshold ? toStart : average / 2)
        + (toEnd < threshold ? toEnd : average / 2);
    return result * (interval / sampled);
  }

  /** {@code sum(increase(...))} over the series; NaN when no series has a value. */
  static double sumIncrease(List<CounterSeries> series, long t, long range) {
    double sum = 0;
    boolean any = false;
    for (CounterSeries s : series) {
      double v = increase(s, t, range);
      if (!Double.isNaN(v)) {
        sum += v;
        any = true;
      }
    }
    return any ? sum : Double.NaN;
  }

  /** True if an instant selector at {@code t} sees a sample of {@code s} (5 m lookback). */
  static boolean hasValueAt(CounterSeries s, long t) {
    int i = s.latestAtOrBefore(t);
    return i >= 0 && s.times()[i] > t - LOOKBACK_SECONDS;
  }
}
