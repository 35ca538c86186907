package io.countcast.signal;

import java.util.List;
import java.util.Objects;

/**
 * Everything the signal layer persists for one CountForecast.
 *
 * @param windowSeconds the window length the samples were cut with
 * @param samples closed windows, oldest first
 * @param trackerState {@link RestartDeltaTracker#serialize()} output
 * @param openWindow the window being filled, or null before the first observation
 */
public record SignalState(long windowSeconds, List<WindowSample> samples, String trackerState,
                          OpenWindow openWindow) {

  public SignalState {
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("window length must be at least 1 second, got " + windowSeconds);
    }
    samples = List.copyOf(samples);
    Objects.requireNonNull(trackerState, "tracker state");
  }
}
