package io.countcast.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the restart signal into fixed windows aligned to multiples of the window length since the
 * epoch. Pure logic: the caller supplies the observation times.
 *
 * <p>Attribution rules:
 * <ul>
 *   <li>Each observation at time {@code now} attributes everything that happened since the
 *       previous observation, the new restarts and the exposure of the pods seen now over
 *       {@code (previous, now]}, wholly to the window containing {@code now}. Count and exposure
 *       thus always cover the same span, so count ÷ exposure stays an honest rate; the price is a
 *       shift of at most one tick across a window boundary.</li>
 *   <li>A window closes, and is emitted, at the first observation that falls in a later window.</li>
 *   <li>Windows without any observation (operator down) are gaps: they are never emitted, not even
 *       as zeros. The restarts and exposure accrued while the operator was down go to the first
 *       window observed after it came back.</li>
 *   <li>Exposure over {@code (previous, now]} is computed from the pods present at {@code now};
 *       pods deleted in between contribute nothing for that interval (an error of at most one
 *       tick per deleted pod).</li>
 * </ul>
 */
public final class WindowedRestartCounter {

  private final long windowSeconds;
  private final RestartDeltaTracker tracker;
  private OpenWindow open;

  /**
   * @param window the window length, whole seconds
   * @param tracker the restart tracker (fresh or restored)
   * @param open the window being filled when the state was saved, or null if none yet
   */
  public WindowedRestartCounter(Duration window, RestartDeltaTracker tracker, OpenWindow open) {
    this.windowSeconds = windowSeconds(window);
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.open = open;
  }

  /** Validates a window length and returns it in seconds. */
  static long windowSeconds(Duration window) {
    if (window.isNegative() || window.isZero() || window.getNano() != 0) {
      throw new IllegalArgumentException("window must be a positive whole number of seconds, got " + window);
    }
    return window.getSeconds();
  }

  /**
   * Records one observation of all selected pods at {@code now}.
   *
   * @return the windows this observation closed (empty or one element)
   */
  public List<WindowSample> observe(Instant now, List<PodObservation> pods) {
    Instant previous = tracker.lastObservedAt();
    long restarts = tracker.observe(now, pods);
    double exposure = previous == null ? 0 : PodExposure.podSeconds(pods, previous, now);
    long nowWindow = Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds;
    List<WindowSample> closed = List.of();
    if (open == null) {
      open = OpenWindow.empty(nowWindow);
    } else if (nowWindow > open.startEpochSecond()) {
      closed = List.of(open.close(windowSeconds));
      open = OpenWindow.empty(nowWindow);
    }
    open = open.plus(restarts, exposure);
    return closed;
  }

  public RestartDeltaTracker tracker() {
    return tracker;
  }

  /** The window being filled, or null before the first observation. */
  public OpenWindow openWindow() {
    return open;
  }
}
