package io.countcast.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import java.time.Instant;

/**
 * How every action tells the user what it did: Normal Events with a counted action, and
 * failures as a Warning Event (once per message) counted in
 * {@code countcast_action_failures_total{type,reason}}, whose reason also becomes ActionReady's.
 */
final class ActionReporter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ForecastEvents events;
  private final ForecastMetrics metrics;

  ActionReporter(ForecastEvents events, ForecastMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /** A Normal Event {@code reason}, and the action counted as {@code metricType}. */
  void normal(CountForecast forecast, String reason, String message, String metricType,
      Instant now) {
    events.normal(forecast, reason, message, now);
    metrics.countAction(metricType);
  }

  /** A Warning Event that is not an action failure (e.g. AnnotationInvalid). */
  void event(CountForecast forecast, Problem problem, Instant now) {
    events.warn(forecast, problem, now);
  }

  /** A new failure of a {@code type} action: Warning Event and counter; returns it. */
  Problem warn(CountForecast forecast, ActionType type, Problem failure, Instant now) {
    events.warn(forecast, failure, now);
    metrics.countActionFailure(ForecastPlan.typeName(type), failure.reason());
    return failure;
  }

  /**
   * The previous state with the failure's message as reason; the Warning Event and count only
   * when the message is new, so a failure retried every tick is reported once.
   */
  ActionOutcome failed(CountForecast forecast, ActionType type, ActionStatus previous,
      Problem failure, Instant now) {
    ActionStatus status = previous == null ? idle(failure.message(), now) : copy(previous);
    if (previous == null || !failure.message().equals(previous.getReason())) {
      warn(forecast, type, failure, now);
    }
    status.setReason(failure.message());
    return new ActionOutcome(status, failure);
  }

  ActionStatus idle(String reason, Instant now) {
    ActionStatus status = new ActionStatus();
    status.setState(ActionState.IDLE);
    status.setReason(reason);
    status.setLastTransitionTime(StatusAggregator.rfc3339(now));
    return status;
  }

  private static ActionStatus copy(ActionStatus status) {
    return JSON.convertValue(status, ActionStatus.class);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a patch", e);
    }
  }
}
