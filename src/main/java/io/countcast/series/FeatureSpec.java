package io.countcast.series;

import java.util.List;

/**
 * Which time features a model uses.
 *
 * <p>Autoregressive features are always taken at a lag of at least the forecast step (see
 * {@link FeatureDesign}): {@code log1p.lag} = log(1 + y[t−d]) and {@code log1p.level} = the mean
 * of log(1 + y) over the {@code levelWindows} windows ending at t−d, a recent-burst level.
 *
 * @param name short name recorded in the selection reason, e.g. {@code seasonal+ar}
 * @param seasons Fourier cycles
 * @param trend whether to include a linear trend
 * @param hourOfWeek whether to include one effect per hour of the week (clocked series only)
 * @param autoregressive whether to include the lag and recent-level features
 * @param levelWindows windows averaged by the recent level
 */
public record FeatureSpec(String name, List<Seasonality> seasons, boolean trend,
                          boolean hourOfWeek, boolean autoregressive, int levelWindows) {

  public FeatureSpec {
    seasons = List.copyOf(seasons);
    if (autoregressive && levelWindows < 1) {
      throw new IllegalArgumentException("levelWindows must be at least 1, got " + levelWindows);
    }
  }

  /** Intercept, trend and Fourier terms only. */
  public static FeatureSpec seasonal(List<Seasonality> seasons) {
    return new FeatureSpec("seasonal", seasons, true, false, false, 0);
  }

  /** Seasonal terms plus lag and recent level over {@code levelWindows} windows. */
  public static FeatureSpec seasonalAr(List<Seasonality> seasons, int levelWindows) {
    return new FeatureSpec("seasonal+ar", seasons, true, false, true, levelWindows);
  }

  /** The same features plus hour-of-week effects. */
  public FeatureSpec withHourOfWeek() {
    return new FeatureSpec(name + "+how", seasons, trend, true, autoregressive, levelWindows);
  }

  /** Fourier, trend and autoregressive columns, not counting hour-of-week effects. */
  int baseColumns() {
    int p = 1 + (trend ? 1 : 0) + (autoregressive ? 2 : 0);
    for (Seasonality s : seasons) {
      p += 2 * s.order();
    }
    return p;
  }
}
