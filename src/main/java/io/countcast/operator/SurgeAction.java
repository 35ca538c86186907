package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;

/**
 * The act step: brings the cluster in line with a freshly aggregated forecast (raising an HPA
 * floor or headroom ahead of a surge, annotating the target) and says what it did. The operator
 * runs {@link SurgeActions}; {@link #FORECAST_ONLY} touches nothing.
 */
public interface SurgeAction {

  /** Publishes the forecast only and touches nothing; keeps whatever action status there was. */
  SurgeAction FORECAST_ONLY = (forecast, plan, next) -> ActionOutcome.ok(next.getAction());

  /**
   * Acts on {@code next} for {@code forecast} as {@code plan} says.
   *
   * @param plan the CountForecast's plan, or null when its spec is invalid (then nothing may be
   *     held: a raised floor is restored)
   * @return the action status to publish in {@code status.action} (or null for none) and, when
   *     the action is not in effect, why (ActionReady=False)
   */
  ActionOutcome act(CountForecast forecast, ForecastPlan plan, CountForecastStatus next);

  /**
   * Undoes what this action holds for a CountForecast being deleted (e.g. restores a raised
   * HPA floor). Throws when that fails, so the finalizer stays and the deletion is retried.
   */
  default void release(CountForecast forecast) {
    // Nothing held.
  }

  /**
   * Forgets what this process remembers of the CountForecast {@code uid} without touching the
   * cluster: it left this operator's shard, and what it holds (a raised floor, recorded on the
   * HPA under the CountForecast's own key) now belongs to the shard that selects it.
   */
  default void forget(String uid) {
    // Nothing remembered.
  }
}
