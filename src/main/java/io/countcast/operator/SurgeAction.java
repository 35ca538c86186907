package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;

/**
 * The act step: brings the cluster in line with a freshly aggregated forecast (e.g. raising an
 * HPA floor ahead of a surge) and says what it did. The HPA action comes in a later issue; until
 * then the operator runs {@link #FORECAST_ONLY}.
 */
@FunctionalInterface
public interface SurgeAction {

  /** Publishes the forecast only and touches nothing; keeps whatever action status there was. */
  SurgeAction FORECAST_ONLY = (forecast, next) -> next.getAction();

  /**
   * Acts on {@code next} for {@code forecast}.
   *
   * @return the action status to publish in {@code status.action}, or null for none
   */
  ActionStatus act(CountForecast forecast, CountForecastStatus next);
}
