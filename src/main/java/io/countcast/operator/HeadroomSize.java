package io.countcast.operator;

import io.countcast.api.CountForecastStatus;
import io.countcast.api.SpecLimits;
import java.time.Instant;

/**
 * The replicas a Headroom action asks for: headroom.replicas, or with replicasFromForecast
 * ceil(podsPerUnit × the largest upper bound among the forecast windows that have not ended
 * and start within leadTime), within 1..{@value SpecLimits#MAX_HEADROOM_REPLICAS}. The upper
 * bound is the 90% interval's: room for what is likely, not only for the expected count.
 */
final class HeadroomSize {

  private HeadroomSize() {}

  static int replicas(ForecastPlan plan, CountForecastStatus next, Instant now) {
    ForecastPlan.HeadroomPlan headroom = plan.action().headroom();
    if (headroom.replicas() != null) {
      return headroom.replicas();
    }
    double upper = LeadTimeForecast.maxUpper(next.getForecast(), now, plan.action().leadTime());
    double replicas = Math.ceil(headroom.podsPerUnit() * (Double.isNaN(upper) ? 0 : upper));
    return (int) Math.max(1, Math.min(SpecLimits.MAX_HEADROOM_REPLICAS, replicas));
  }
}
