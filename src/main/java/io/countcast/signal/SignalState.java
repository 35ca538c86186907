package io.countcast.signal;

import java.util.List;
import java.util.Objects;

/**
 * Everything the signal layer persists for one CountForecast.
 *
 * @param windowSeconds the window length the samples were cut with
 * @param samples closed windows, oldest first
 * @param trackerState {@link RestartDeltaTracker#serialize()} output; empty for signals that
 *     keep no tracker
 * @param openWindow the window being filled, or null before the first observation
 * @param source which signal produced the samples ({@link #POD_RESTARTS}, or a Prometheus
 *     source with a fingerprint of its queries): a history from another source is not reused
 */
public record SignalState(long windowSeconds, List<WindowSample> samples, String trackerState,
                          OpenWindow openWindow, String source) {

  /** Source of the pod-restart signal, the default when a ConfigMap names none. */
  public static final String POD_RESTARTS = "podRestarts";

  public SignalState {
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("window length must be at least 1 second, got " + windowSeconds);
    }
    samples = List.copyOf(samples);
    Objects.requireNonNull(trackerState, "tracker state");
    Objects.requireNonNull(source, "source");
  }

  /** A pod-restart signal state. */
  public SignalState(long windowSeconds, List<WindowSample> samples, String trackerState,
                     OpenWindow openWindow) {
    this(windowSeconds, samples, trackerState, openWindow, POD_RESTARTS);
  }
}
