package io.countcast.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One seasonal cycle modelled by Fourier terms sin(2πkt/P), cos(2πkt/P), k = 1..order.
 *
 * @param name short name used in coefficient names, e.g. {@code daily}
 * @param periodSeconds the cycle length P (in rows when the series has no clock)
 * @param order number of harmonics
 */
public record Seasonality(String name, long periodSeconds, int order) {

  public static final long DAY = 86_400;
  public static final long WEEK = 7 * DAY;

  public Seasonality {
    if (periodSeconds <= 0 || order < 1) {
      throw new IllegalArgumentException(
          "seasonality " + name + " needs a positive period and order, got " + periodSeconds
              + " and " + order);
    }
  }

  /**
   * Default harmonics for a cycle seen through windows of the given length: up to
   * {@code preferred}, and never more than (points per cycle − 1)/2, the most a cycle sampled at
   * that many points can identify. Returns 0 when a cycle is shorter than three windows.
   */
  public static int defaultOrder(long periodSeconds, long windowSeconds, int preferred) {
    long points = periodSeconds / windowSeconds;
    return (int) Math.max(0, Math.min(preferred, (points - 1) / 2));
  }

  /**
   * Parses {@code daily,weekly} (either or both, or {@code none}) with orders that suit the
   * window: 4 daily and 2 weekly harmonics for windows up to an hour, fewer when a cycle holds
   * too few windows. Cycles that fit fewer than three windows are left out.
   */
  public static List<Seasonality> parse(String text, long windowSeconds) {
    List<Seasonality> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String key = part.trim().toLowerCase(Locale.ROOT);
      switch (key) {
        case "", "none" -> { }
        case "daily" -> addIfIdentifiable(out, "daily", DAY, windowSeconds, 4);
        case "weekly" -> addIfIdentifiable(out, "weekly", WEEK, windowSeconds, 2);
        default -> throw new IllegalArgumentException(
            "unknown seasonality '" + part.trim() + "' (expected daily, weekly or none)");
      }
    }
    return out;
  }

  /** A cycle of {@code rows} consecutive rows (the CLI's {@code --period N}), 3 harmonics. */
  public static List<Seasonality> ofRows(long rows) {
    List<Seasonality> out = new ArrayList<>();
    addIfIdentifiable(out, "period", rows, 1, 3);
    return out;
  }

  private static void addIfIdentifiable(List<Seasonality> out, String name, long period,
      long window, int preferred) {
    int order = defaultOrder(period, window, preferred);
    if (order > 0) {
      out.add(new Seasonality(name, period, order));
    }
  }
}
