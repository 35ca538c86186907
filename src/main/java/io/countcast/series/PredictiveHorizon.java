package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.List;

/**
 * The predictive distributions of the counts in the windows of a forecast horizon, with the
 * exposure each window was forecast at, for simulations over the horizon.
 *
 * @param originEpochSecond start of the first window
 * @param windowSeconds window length
 * @param counts predictive distribution of each window's count, in time order (never empty)
 * @param exposure exposure of each window (e.g. forecast requests), same length as counts
 */
public record PredictiveHorizon(long originEpochSecond, long windowSeconds,
    List<CountDistribution> counts, double[] exposure) {

  public PredictiveHorizon {
    counts = List.copyOf(counts);
    exposure = exposure.clone();
    if (counts.isEmpty() || counts.size() != exposure.length) {
      throw new IllegalArgumentException("a horizon needs one exposure per window, got "
          + counts.size() + " windows and " + exposure.length + " exposures");
    }
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException("windowSeconds must be positive, got " + windowSeconds);
    }
  }

  @Override
  public double[] exposure() {
    return exposure.clone();
  }

  /** Number of windows. */
  public int size() {
    return counts.size();
  }

  /** End (epoch seconds) of window {@code h}, counted from 0. */
  public long endOf(int h) {
    return originEpochSecond + (h + 1L) * windowSeconds;
  }
}
