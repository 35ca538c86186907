package io.countcast.series;

import io.countcast.model.DesignMatrix;
import io.countcast.model.ModelData;
import java.util.List;

/**
 * The observed windows a model is fitted on: those starting in [origin − span, origin), with the
 * whole history before the origin available to their lag features (never anything after it).
 */
final class TrainingWindow {

  private final CountSeries series;
  private final SlotHistory history;
  private final long origin;
  private final long span;
  private final int from;
  private final int to;

  TrainingWindow(CountSeries series, long origin, long span) {
    this(series, new SlotHistory(series, origin), origin, span);
  }

  /** A window whose history (which must end at the origin) is already built. */
  TrainingWindow(CountSeries series, SlotHistory history, long origin, long span) {
    this.series = series;
    this.origin = origin;
    this.span = span;
    this.history = history;
    this.from = series.lowerBound(origin - span);
    this.to = series.lowerBound(origin);
  }

  SlotHistory history() {
    return history;
  }

  long origin() {
    return origin;
  }

  long span() {
    return span;
  }

  long windowSeconds() {
    return series.windowSeconds();
  }

  /** Number of observed windows in the span. */
  int size() {
    return to - from;
  }

  /** Window starts of the observed rows in the span. */
  long[] starts() {
    long[] out = new long[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = series.start(i);
    }
    return out;
  }

  /** Total count of the observed windows in the span. */
  long events() {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += series.count(i);
    }
    return sum;
  }

  /** Total exposure of the observed windows in the span (1 per window without exposure). */
  double exposure() {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += series.exposureAt(i);
    }
    return sum;
  }

  /**
   * Time from the first observed window in the span to the origin: what the data cover, which
   * is less than the span while a series is younger than it.
   */
  long coveredSeconds() {
    return to == from ? 0 : origin - series.start(from);
  }

  /** Whether any training count is zero (zero inflation needs zeros to estimate). */
  boolean hasZeros() {
    for (int i = from; i < to; i++) {
      if (series.count(i) == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rows (series indices) every design can build, so candidates compared by an information
   * criterion are fitted on the same observations.
   */
  int[] usableRows(List<FeatureDesign> designs) {
    int maxP = designs.stream().mapToInt(FeatureDesign::columns).max().orElse(1);
    double[] scratch = new double[maxP];
    int[] rows = new int[to - from];
    int m = 0;
    FeatureDesign[] each = designs.toArray(new FeatureDesign[0]); // no iterator per row
    for (int i = from; i < to; i++) {
      boolean ok = true;
      for (FeatureDesign d : each) {
        ok &= d.fill(history, series.start(i), scratch, 0);
      }
      if (ok) {
        rows[m++] = i;
      }
    }
    return java.util.Arrays.copyOf(rows, m);
  }

  /** The fitting data for a design on the given rows, with log exposure as offset. */
  ModelData data(FeatureDesign design, int[] rows) {
    int p = design.columns();
    double[] x = new double[rows.length * p];
    double[] y = new double[rows.length];
    double[] offset = series.hasExposure() ? new double[rows.length] : null;
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      if (!design.fill(history, series.start(i), x, r * p)) {
        throw new IllegalStateException("row " + i + " is not usable for " + design.names());
      }
      y[r] = series.count(i);
      if (offset != null) {
        offset[r] = Math.log(series.exposureAt(i));
      }
    }
    return new ModelData(y, new DesignMatrix(design.names(), rows.length, x), offset, null, null);
  }
}
