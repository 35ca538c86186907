package io.countcast.series;

/**
 * The observed past of a series laid on its window grid, for lag features.
 *
 * <p>Slot k is the window starting at {@code firstStart + k·window}. Gaps (absent rows) are
 * filled for lag features only, with the <b>last available count at or before the slot</b>
 * (last observation carried forward); a slot before the first observation has no value (NaN),
 * and a training row whose lag needs such a slot is dropped. Gaps never become zeros, and a
 * missing window never becomes a training row: only observed windows are fitted.
 */
final class SlotHistory {

  private final long firstStart;
  private final long window;
  private final double[] filled;
  /** prefix[k] = Σ filled[0..k−1], for O(1) window means. */
  private final double[] prefix;
  /** Slots visible: a view for an earlier origin shares the arrays and sees fewer slots. */
  private final int slots;

  /**
   * The history of every row of {@code series} that starts before {@code end}, with slots up to
   * the window just before {@code end} (the forecast origin): windows between the last row and
   * the origin are gaps and carry the last observation forward.
   */
  SlotHistory(CountSeries series, long end) {
    this.window = series.windowSeconds();
    int n = series.lowerBound(end);
    this.firstStart = series.size() == 0 ? end : series.start(0);
    int slots = n == 0 ? 0 : Math.max(0, slotOf(end - window) + 1);
    this.filled = new double[slots];
    this.prefix = new double[slots + 1];
    int row = 0;
    double last = Double.NaN;
    for (int k = 0; k < slots; k++) {
      if (row < n && slotOf(series.start(row)) == k) {
        last = Math.log1p(series.count(row));
        row++;
      }
      filled[k] = last;
      prefix[k + 1] = prefix[k] + last;
    }
    this.slots = slots;
  }

  private SlotHistory(SlotHistory full, int slots) {
    this.firstStart = full.firstStart;
    this.window = full.window;
    this.filled = full.filled;
    this.prefix = full.prefix;
    this.slots = slots;
  }

  /**
   * The history as {@code new SlotHistory(series, end)} would build it, for an {@code end} no
   * later than this history's, sharing this one's arrays: a slot's value depends only on rows at
   * or before it, so a backtest builds the history once and takes a view per origin.
   */
  SlotHistory upTo(long end) {
    int k = end <= firstStart ? 0 : Math.max(0, slotOf(end - window) + 1);
    if (k > slots) {
      throw new IllegalArgumentException("a view cannot reach past the history's end");
    }
    return new SlotHistory(this, k);
  }

  /** Slot index of a window start (may be negative or past the end). */
  int slotOf(long start) {
    return Math.toIntExact(Math.floorDiv(start - firstStart, window));
  }

  long windowSeconds() {
    return window;
  }

  long startOf(int slot) {
    return firstStart + slot * window;
  }

  /** Number of slots from the first to the last observation. */
  int slots() {
    return slots;
  }

  /**
   * log(1 + y) at the slot, carrying the last observation forward over gaps; NaN before the
   * first observation. The slot must not be past the last observation: that would be look-ahead.
   */
  double log1pCount(int slot) {
    if (slot >= slots) {
      throw new IllegalStateException("slot " + slot + " is past the last observation");
    }
    return slot < 0 ? Double.NaN : filled[slot];
  }

  /** The count at the slot with the same carry-forward fallback; -1 before the first. */
  long count(int slot) {
    double v = log1pCount(slot);
    return Double.isNaN(v) ? -1 : Math.round(Math.expm1(v));
  }

  /** Mean of {@link #log1pCount} over slots [from, to] inclusive; NaN if any is missing. */
  double meanLog1p(int from, int to) {
    if (to >= slots) {
      throw new IllegalStateException("slot " + to + " is past the last observation");
    }
    if (from < 0 || Double.isNaN(filled[from])) {
      return Double.NaN;
    }
    return (prefix[to + 1] - prefix[from]) / (to - from + 1);
  }
}
