package io.countcast.series;

import java.util.List;

/**
 * Which time features a model uses.
 *
 * <p>Autoregressive features are always taken at a lag of at least the forecast step (see
 * {@link FeatureDesign}): {@code log1p.lag} = log(1 + y[t−d]) and, for each L in
 * {@code levels}, {@code log1p.levelL} = the mean of log(1 + y) over the L windows ending at t−d:
 * recent-burst levels over short and longer memories.
 *
 * @param name short name recorded in the selection reason, e.g. {@code seasonal+ar}
 * @param seasons Fourier cycles
 * @param trend whether to include a linear trend
 * @param hourOfWeek whether to include one effect per hour of the week (clocked series only)
 * @param autoregressive whether to include the lag and recent-level features
 * @param levels window counts of the recent levels (empty without autoregressive terms)
 */
public record FeatureSpec(String name, List<Seasonality> seasons, boolean trend,
                          boolean hourOfWeek, boolean autoregressive, List<Integer> levels) {

  public FeatureSpec {
    seasons = List.copyOf(seasons);
    levels = List.copyOf(levels);
    for (int l : levels) {
      if (l < 1) {
        throw new IllegalArgumentException("a level needs at least 1 window, got " + l);
      }
    }
  }

  /** Intercept and Fourier terms only. */
  public static FeatureSpec seasonal(List<Seasonality> seasons) {
    return new FeatureSpec("seasonal", seasons, false, false, false, List.of());
  }

  /** Seasonal terms plus the lag and recent levels over the given numbers of windows. */
  public static FeatureSpec seasonalAr(List<Seasonality> seasons, List<Integer> levels) {
    return new FeatureSpec("seasonal+ar", seasons, false, false, true, levels);
  }

  /** The same features plus hour-of-week effects. */
  public FeatureSpec withHourOfWeek() {
    return new FeatureSpec(name + "+how", seasons, trend, true, autoregressive, levels);
  }

  /** Fourier, trend and autoregressive columns, not counting hour-of-week effects. */
  int baseColumns() {
    int p = 1 + (trend ? 1 : 0) + (autoregressive ? 1 + levels.size() : 0);
    for (Seasonality s : seasons) {
      p += 2 * s.order();
    }
    return p;
  }
}
