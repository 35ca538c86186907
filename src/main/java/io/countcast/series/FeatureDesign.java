package io.countcast.series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of one model: a {@link FeatureSpec} made concrete for a lag distance and a
 * forecast origin.
 *
 * <p>Honesty of multi-step forecasts: this is a <b>direct</b> design. A model that forecasts
 * step h (h windows after the origin) is fitted with autoregressive features at a lag distance
 * d ≥ h (the window h steps ahead reads y[t−d], and t−d is at most the last window before the
 * origin exactly when d ≥ h), so at forecast time every lag source window is at or before the origin: nothing is
 * simulated and nothing unknown is plugged in.
 *
 * <p>Trend is (t − origin) / trainSpan, so training rows lie in [−1, 0) and the coefficient is
 * the change in log-mean over one training span. Hour-of-week effects get one column per hour
 * seen in training except the first (the reference), so the design is never singular because of
 * an hour with no data; a forecast for an hour not seen in training uses the reference level.
 */
final class FeatureDesign {

  private static final int HOURS_PER_WEEK = 168;

  private final FeatureSpec spec;
  private final int lag;
  private final long origin;
  private final double trainSpan;
  /** column index (offset from the first hour column) of each hour of week, or −1. */
  private final int[] hourColumn;
  /** {@code spec}'s seasons and levels as arrays: {@link #fill} runs per row, per origin. */
  private final Seasonality[] seasons;
  private final int[] levels;
  private final List<String> names;

  private FeatureDesign(FeatureSpec spec, int lag, long origin, double trainSpan,
      int[] hourColumn) {
    this.spec = spec;
    this.lag = lag;
    this.origin = origin;
    this.trainSpan = trainSpan;
    this.hourColumn = hourColumn;
    this.seasons = spec.seasons().toArray(new Seasonality[0]);
    this.levels = spec.levels().stream().mapToInt(Integer::intValue).toArray();
    this.names = Collections.unmodifiableList(buildNames());
  }

  /**
   * A design for lag distance {@code lag} (≥ 1), fitted on windows starting in
   * [origin − trainSpan, origin).
   *
   * @param trainStarts the window starts of the training rows, for the hour-of-week levels seen
   */
  static FeatureDesign create(FeatureSpec spec, int lag, long origin, long trainSpan,
      long[] trainStarts) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag distance must be at least 1, got " + lag);
    }
    int[] hourColumn = new int[HOURS_PER_WEEK];
    java.util.Arrays.fill(hourColumn, -1);
    if (spec.hourOfWeek()) {
      boolean[] seen = new boolean[HOURS_PER_WEEK];
      for (long t : trainStarts) {
        seen[hourOfWeek(t)] = true;
      }
      int next = -1; // the first hour seen is the reference level
      for (int h = 0; h < HOURS_PER_WEEK; h++) {
        if (seen[h]) {
          hourColumn[h] = next++;
        }
      }
    }
    return new FeatureDesign(spec, lag, origin, Math.max(1, trainSpan), hourColumn);
  }

  private static int hourOfWeek(long epochSeconds) {
    return (int) (Math.floorMod(epochSeconds, Seasonality.WEEK) / 3600);
  }

  private List<String> buildNames() {
    List<String> out = new ArrayList<>();
    out.add("(Intercept)");
    if (spec.trend()) {
      out.add("trend");
    }
    for (Seasonality s : spec.seasons()) {
      for (int k = 1; k <= s.order(); k++) {
        out.add(s.name() + ".sin" + k);
        out.add(s.name() + ".cos" + k);
      }
    }
    for (int h = 0; h < HOURS_PER_WEEK; h++) {
      if (hourColumn[h] >= 0) {
        out.add("how" + h);
      }
    }
    if (spec.autoregressive()) {
      out.add("log1p.lag" + lag);
      for (int l : spec.levels()) {
        out.add("log1p.level" + l);
      }
    }
    return out;
  }

  List<String> names() {
    return names;
  }

  int columns() {
    return names.size();
  }

  int lag() {
    return lag;
  }

  FeatureSpec spec() {
    return spec;
  }

  /**
   * Writes the row for the window starting at {@code start} into {@code out[at .. at+p)}.
   *
   * @return false when an autoregressive source window precedes all observations (the row
   *     cannot be built and a training row is dropped)
   */
  boolean fill(SlotHistory history, long start, double[] out, int at) {
    int j = at;
    out[j++] = 1.0;
    if (spec.trend()) {
      out[j++] = (start - origin) / trainSpan;
    }
    for (Seasonality s : seasons) {
      double base = 2 * Math.PI * Math.floorMod(start, s.periodSeconds()) / s.periodSeconds();
      // sin/cos of k·x by the angle-addition recurrence: one sin and one cos per cycle.
      double s1 = Math.sin(base);
      double c1 = Math.cos(base);
      double sk = s1;
      double ck = c1;
      for (int k = 1; k <= s.order(); k++) {
        out[j++] = sk;
        out[j++] = ck;
        double nextS = sk * c1 + ck * s1;
        ck = ck * c1 - sk * s1;
        sk = nextS;
      }
    }
    if (spec.hourOfWeek()) {
      int p = names.size() - (spec.autoregressive() ? 1 + spec.levels().size() : 0);
      java.util.Arrays.fill(out, j, at + p, 0.0);
      int col = hourColumn[hourOfWeek(start)];
      if (col >= 0) {
        out[j + col] = 1.0;
      }
      j = at + p;
    }
    if (spec.autoregressive()) {
      int source = history.slotOf(start) - lag;
      double lagValue = history.log1pCount(source);
      if (Double.isNaN(lagValue)) {
        return false;
      }
      out[j++] = lagValue;
      for (int l : levels) {
        double level = history.meanLog1p(source - l + 1, source);
        if (Double.isNaN(level)) {
          return false;
        }
        out[j++] = level;
      }
    }
    return true;
  }
}
