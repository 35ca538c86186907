package io.countcast.signal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded history of closed windows, oldest first. Beyond its capacity the oldest windows are
 * dropped.
 *
 * <p>Why {@link #MAX_WINDOWS} is 16,384: the history is persisted in one ConfigMap, limited to
 * 1 MiB. A stored window is one line {@code start,count,exposure} of at most about 40 bytes
 * (10-digit epoch second, up to 7-digit count, up to 12-character exposure), so 16,384 windows
 * take at most ~640 KiB and leave ~360 KiB for the restart tracker state (about 60 bytes per
 * tracked single-container pod, so roughly 6,000 selected pods). That is 56 days of 5-minute
 * windows or 11 days of 1-minute windows; 7 days of 5 minutes is 2,016 windows.
 */
public final class SampleHistory {

  /** Most windows one history may hold; see the class comment for the arithmetic. */
  public static final int MAX_WINDOWS = 16_384;

  private final int capacity;
  private final ArrayDeque<WindowSample> samples;

  /** An empty history holding at most {@code capacity} windows. */
  public SampleHistory(int capacity) {
    if (capacity < 1 || capacity > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "history capacity must be 1.." + MAX_WINDOWS + " windows, got " + capacity);
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /**
   * The number of windows a history of length {@code history} holds: history ÷ window.
   *
   * @throws IllegalArgumentException if that is below 1 or above {@link #MAX_WINDOWS}
   */
  public static int capacityFor(Duration history, Duration window) {
    long windowSeconds = WindowedRestartCounter.windowSeconds(window);
    long windows = history.getSeconds() / windowSeconds;
    if (windows < 1 || windows > MAX_WINDOWS) {
      throw new IllegalArgumentException("history " + history + " holds " + windows + " windows of "
          + window + "; it must hold 1.." + MAX_WINDOWS + " (a ConfigMap is limited to 1 MiB)");
    }
    return (int) windows;
  }

  /** A history of {@code capacity} windows holding the newest of {@code initial}. */
  public static SampleHistory of(int capacity, List<WindowSample> initial) {
    SampleHistory history = new SampleHistory(capacity);
    initial.forEach(history::add);
    return history;
  }

  /**
   * Appends a closed window, dropping the oldest one when full.
   *
   * @throws IllegalArgumentException if the window does not start after the newest stored one
   */
  public void add(WindowSample sample) {
    WindowSample newest = samples.peekLast();
    if (newest != null && sample.startEpochSecond() <= newest.startEpochSecond()) {
      throw new IllegalArgumentException("window " + sample.startEpochSecond()
          + " does not start after the newest stored window " + newest.startEpochSecond());
    }
    if (samples.size() == capacity) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return samples.size();
  }

  /** The stored windows, oldest first (a copy). */
  public List<WindowSample> samples() {
    return new ArrayList<>(samples);
  }

  /** The stored windows as parallel arrays, oldest first. */
  public SeriesArrays toArrays() {
    int n = samples.size();
    long[] starts = new long[n];
    double[] counts = new double[n];
    double[] exposure = new double[n];
    int i = 0;
    for (WindowSample sample : samples) {
      starts[i] = sample.startEpochSecond();
      counts[i] = sample.count();
      exposure[i] = sample.exposure();
      i++;
    }
    return new SeriesArrays(starts, counts, exposure);
  }
}
