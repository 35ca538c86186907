package io.countcast.operator;

import io.countcast.api.ActionStatus;

/**
 * What the act step did: the status.action to publish and, when it could not do what the plan
 * asks, the failure that sets ActionReady=False (reason from {@link Reasons}).
 *
 * @param status the action status, or null for none
 * @param failure why the action is not in effect, or null when it is
 */
public record ActionOutcome(ActionStatus status, Problem failure) {

  /** An action that is in effect (or has nothing to do). */
  public static ActionOutcome ok(ActionStatus status) {
    return new ActionOutcome(status, null);
  }
}
