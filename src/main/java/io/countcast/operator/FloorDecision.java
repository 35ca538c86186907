package io.countcast.operator;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link SurgeFloorPolicy} decided for one CountForecast and one HPA.
 *
 * @param state the action state to publish
 * @param reason why, in plain words
 * @param since when the state began (lastTransitionTime; for Cooldown, when the cooldown began)
 * @param original the HPA's minReplicas before Countcast raised it, or null
 * @param applied the floor Countcast holds (or would hold, in a dry run), or null
 * @param write the change to make to the HPA, or null for none
 * @param event what to tell the user about, as a Normal Event and a counted action
 */
public record FloorDecision(ActionState state, String reason, Instant since, Integer original,
    Integer applied, FloorWrite write, Kind event) {

  /** The noteworthy things a decision can do. */
  public enum Kind {
    NONE, RAISED, RESTORED, EXTERNAL_CHANGE, WOULD_RAISE, WOULD_RESTORE
  }

  /**
   * A change to the HPA, written as one JSON merge patch (with the HPA's resourceVersion, so a
   * concurrent writer makes it fail instead of being overwritten).
   *
   * @param minReplicas the new spec.minReplicas, or null to leave it alone
   * @param original the new {@value HpaFloor#ORIGINAL} annotation, or null to remove it
   * @param mine the new floor annotation of this CountForecast, or null to remove it
   */
  public record FloorWrite(Integer minReplicas, Integer original, Integer mine) {}

  public FloorDecision {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(event, "event");
  }

  /** The decision as {@code status.action}. */
  public ActionStatus toStatus() {
    ActionStatus status = new ActionStatus();
    status.setState(state);
    status.setReason(reason);
    status.setLastTransitionTime(StatusAggregator.rfc3339(since));
    status.setOriginalMinReplicas(original);
    status.setAppliedMinReplicas(applied);
    return status;
  }
}
