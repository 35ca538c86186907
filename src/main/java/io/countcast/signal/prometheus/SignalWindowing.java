package io.countcast.signal.prometheus;

import java.time.Duration;

/**
 * Window grid and fetch limits of a {@link PrometheusSignalSource}.
 *
 * @param window window length; windows end at multiples of it in epoch time
 * @param history how far back the first fetch reaches
 * @param settleDelay a window is fetched only once {@code now >= end + settleDelay}, so the
 *     last scrapes of the window have landed in Prometheus
 * @param maxPointsPerRequest points per series per {@code query_range} request at most
 *     (Prometheus refuses more than 11,000)
 */
public record SignalWindowing(Duration window, Duration history, Duration settleDelay,
                              int maxPointsPerRequest) {

  /** Prometheus' limit on points per series in one range query. */
  public static final int PROMETHEUS_MAX_POINTS = 11_000;

  public SignalWindowing {
    PromqlWindow.format(window); // validates: positive whole seconds
    if (history.compareTo(window) < 0) {
      throw new IllegalArgumentException("history " + history + " is shorter than one window "
          + window);
    }
    if (settleDelay.isNegative()) {
      throw new IllegalArgumentException("settleDelay must be >= 0, got " + settleDelay);
    }
    if (maxPointsPerRequest < 2 || maxPointsPerRequest > PROMETHEUS_MAX_POINTS) {
      throw new IllegalArgumentException("maxPointsPerRequest must be in [2, "
          + PROMETHEUS_MAX_POINTS + "], got " + maxPointsPerRequest);
    }
  }

  /** Given window and history, 1 minute settle delay, Prometheus' point limit. */
  public static SignalWindowing of(Duration window, Duration history) {
    return new SignalWindowing(window, history, Duration.ofMinutes(1), PROMETHEUS_MAX_POINTS);
  }

  long windowSeconds() {
    return window.getSeconds();
  }
}
