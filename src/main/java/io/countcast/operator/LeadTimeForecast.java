package io.countcast.operator;

import io.countcast.api.ForecastWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The forecast over the lead time: what headroom is sized from and what KEDA scales on. */
final class LeadTimeForecast {

  private LeadTimeForecast() {}

  /**
   * The largest upper bound of the 90% interval among the windows that have not ended and
   * start within {@code leadTime} from {@code now}; NaN when there is none.
   */
  static double maxUpper(List<ForecastWindow> windows, Instant now, Duration leadTime) {
    Instant horizon = now.plus(leadTime);
    double upper = Double.NaN;
    if (windows != null) {
      for (ForecastWindow w : windows) {
        if (w.getUpper() != null && w.getStart() != null && w.getEnd() != null
            && Instant.parse(w.getEnd()).isAfter(now)
            && !Instant.parse(w.getStart()).isAfter(horizon)) {
          upper = Double.isNaN(upper) ? w.getUpper() : Math.max(upper, w.getUpper());
        }
      }
    }
    return upper;
  }
}
