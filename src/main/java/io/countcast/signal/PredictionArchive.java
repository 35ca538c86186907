package io.countcast.signal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prediction archive of one CountForecast: the current model's version, the forecasts made
 * for windows that have not closed yet, and, for each closed window, the forecast made for it
 * beside what was observed, oldest first and bounded like the history (beyond its capacity the
 * oldest rows are dropped). Not thread-safe; one reconcile uses it at a time.
 *
 * <p>Why {@link #MAX_WINDOWS} is 8,192: the archive has its own ConfigMap (1 MiB); a row is at
 * most about 110 bytes, so 8,192 rows take under 900 KB. That is 28 days of 5-minute windows.
 */
public final class PredictionArchive {

  /** Most closed windows one archive holds; see the class comment for the arithmetic. */
  public static final int MAX_WINDOWS = 8_192;

  private final int capacity;
  private ModelVersion model;
  private List<WindowPrediction> pending;
  private final ArrayDeque<ArchivedWindow> closed;

  private PredictionArchive(int capacity, ModelVersion model, List<WindowPrediction> pending,
      List<ArchivedWindow> closed) {
    if (capacity < 1 || capacity > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "archive capacity must be 1.." + MAX_WINDOWS + " windows, got " + capacity);
    }
    this.capacity = capacity;
    this.model = model;
    this.pending = List.copyOf(pending);
    this.closed = new ArrayDeque<>();
    closed.forEach(this::append);
  }

  /** An empty archive (no model yet) holding at most {@code capacity} closed windows. */
  public static PredictionArchive empty(int capacity) {
    return new PredictionArchive(capacity, null, List.of(), List.of());
  }

  /** An archive holding the newest {@code capacity} of {@code closed}. */
  public static PredictionArchive of(int capacity, ModelVersion model,
      List<WindowPrediction> pending, List<ArchivedWindow> closed) {
    return new PredictionArchive(capacity, model, pending, closed);
  }

  /** The archive capacity for a history of {@code historyWindows} windows. */
  public static int capacityFor(int historyWindows) {
    return Math.max(1, Math.min(historyWindows, MAX_WINDOWS));
  }

  /**
   * Archives each pending forecast whose window is now in {@code history}, beside its count;
   * drops pending forecasts for windows the history passed without storing (gaps).
   *
   * @return whether anything changed
   */
  public boolean close(SeriesArrays history, long windowSeconds) {
    if (pending.isEmpty() || history.size() == 0) {
      return false;
    }
    long[] starts = history.epochSeconds();
    long newest = starts[starts.length - 1];
    List<WindowPrediction> open = new ArrayList<>(pending.size());
    boolean changed = false;
    for (WindowPrediction p : pending) {
      if (p.startEpochSecond() > newest) {
        open.add(p);
        continue;
      }
      changed = true;
      int i = Arrays.binarySearch(starts, p.startEpochSecond());
      ArchivedWindow last = closed.peekLast();
      if (i >= 0 && (last == null || p.startEpochSecond() > last.startEpochSecond())) {
        append(new ArchivedWindow(p, p.startEpochSecond() + windowSeconds,
            Math.round(history.counts()[i]), history.exposure()[i]));
      }
    }
    pending = List.copyOf(open);
    return changed;
  }

  /**
   * Records a new model fitted at {@code atEpochSecond} on the windows from
   * {@code fromEpochSecond} to {@code toEpochSecond}, and returns it: its version is one more
   * than the last.
   */
  public ModelVersion retrained(long fromEpochSecond, long toEpochSecond, long atEpochSecond) {
    model = new ModelVersion(model == null ? 1 : model.version() + 1, fromEpochSecond,
        toEpochSecond, atEpochSecond);
    return model;
  }

  /** Replaces the pending forecasts with the newest model's. */
  public void forecast(List<WindowPrediction> predictions) {
    pending = List.copyOf(predictions);
  }

  private void append(ArchivedWindow window) {
    if (closed.size() == capacity) {
      closed.removeFirst();
    }
    closed.addLast(window);
  }

  public int capacity() {
    return capacity;
  }

  /** The current model, or null before the first training. */
  public ModelVersion model() {
    return model;
  }

  /** Forecasts for windows that have not closed yet, oldest first. */
  public List<WindowPrediction> pending() {
    return pending;
  }

  /** The closed windows with their forecasts, oldest first (a copy). */
  public List<ArchivedWindow> closed() {
    return new ArrayList<>(closed);
  }

  /** The newest closed window, or null. */
  public ArchivedWindow latest() {
    return closed.peekLast();
  }
}
