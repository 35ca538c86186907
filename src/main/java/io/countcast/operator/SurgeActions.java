package io.countcast.operator;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.TargetUtilizationStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's act step: runs the {@link FloorAction} of the plan's action (ScaleHPA:
 * {@link HpaMinReplicas} and/or {@link HpaCpuTarget}; Headroom: {@link PlaceholderReplicas} or
 * {@link CapacityBufferReplicas}), restores whatever the other floor actions still hold for this
 * CountForecast (its action changed, its spec became invalid), and writes the surge
 * annotations ({@link SurgeAnnotations}). Writes are JSON merge patches of only the fields
 * Countcast owns, with field manager {@value #FIELD_MANAGER}.
 */
public final class SurgeActions implements SurgeAction {

  /** Field manager of every write, as managedFields and Argo CD show it. */
  public static final String FIELD_MANAGER = "countcast";
  static final PatchContext MERGE = new PatchContext.Builder()
      .withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build();

  private final Clock clock;
  private final ActionReporter reporter;
  private final SurgeAnnotations annotations;
  private final List<FloorAction<?>> floors;

  public SurgeActions(KubernetesClient client, ForecastMetrics metrics, Clock clock) {
    this.clock = clock;
    ForecastEvents events = new ForecastEvents(client);
    this.reporter = new ActionReporter(events, metrics);
    this.annotations = new SurgeAnnotations(client, events, metrics);
    this.floors = List.of(new FloorAction<>(new HpaMinReplicas(client), reporter),
        new FloorAction<>(new HpaCpuTarget(client), reporter),
        new FloorAction<>(new PlaceholderReplicas(client), reporter),
        new FloorAction<>(new CapacityBufferReplicas(client), reporter));
  }

  /**
   * {@inheritDoc}
   *
   * <p>An API error (objects cannot be listed, a write is forbidden, …) never fails the
   * reconcile: it keeps the previous state with the error as reason, a Warning Event (once per
   * message) and ActionReady=False; the next reconcile tries again.
   */
  @Override
  public ActionOutcome act(CountForecast forecast, ForecastPlan plan, CountForecastStatus next) {
    Instant now = clock.instant();
    // Without a valid plan nothing is known about the action: hold nothing, as for None.
    ActionType type = plan == null ? ActionType.NONE : plan.action().type();
    try {
      ActionOutcome outcome = actOrThrow(forecast, plan, type, next, now);
      if (type != ActionType.NONE) {
        annotations.annotate(forecast, plan, next, now);
      }
      return outcome;
    } catch (KubernetesClientException e) {
      String reason = e.getCode() == 403 ? Reasons.FORBIDDEN : Reasons.ACTION_FAILED;
      return reporter.failed(forecast, type, next.getAction(), new Problem(reason,
          "surge action failed: " + CountForecastReconciler.oneLine(e)), now);
    }
  }

  private ActionOutcome actOrThrow(CountForecast forecast, ForecastPlan plan, ActionType type,
      CountForecastStatus next, Instant now) {
    ActionStatus previous = next.getAction();
    String why = plan == null ? "the spec is invalid"
        : "action.type is " + ForecastPlan.typeName(type);
    ActionOutcome acted = null;
    Optional<ActionStatus> released = Optional.empty();
    for (FloorAction<?> floor : floors) {
      if (floor.actsOn(plan)) {
        ActionOutcome outcome = floor.act(forecast, plan, next, now);
        acted = acted == null ? outcome : withTargetUtilization(acted, outcome);
      } else {
        Optional<ActionStatus> r = floor.releaseHeld(forecast, previous, why + ": ", now);
        released = r.isPresent() ? r : released;
      }
    }
    if (acted != null) {
      ForecastPlan.ActionPlan action = plan.action();
      if (action.surgeTargetUtilization() != null && action.surgeMinReplicas() == null
          && acted.status() != null) {
        // Only the CPU target: its status is also where it is read back from.
        acted.status().setTargetUtilization(TargetUtilizationStatus.of(acted.status()));
        acted.status().setOriginalMinReplicas(null);
        acted.status().setAppliedMinReplicas(null);
      }
      return acted;
    }
    boolean reportedHeld = previous != null && (previous.getState() == ActionState.RAISED
        || previous.getState() == ActionState.COOLDOWN);
    return ActionOutcome.ok(released.orElse(reportedHeld ? reporter.idle(why, now) : previous));
  }

  /**
   * ScaleHPA's two outcomes in one: the floor's status with the CPU target's as
   * status.action.targetUtilization; the first failure. With only a CPU target, its outcome
   * is both the status and the targetUtilization part.
   */
  private static ActionOutcome withTargetUtilization(ActionOutcome floor, ActionOutcome target) {
    if (floor.status() != null && target.status() != null) {
      floor.status().setTargetUtilization(TargetUtilizationStatus.of(target.status()));
    }
    return new ActionOutcome(floor.status(),
        floor.failure() != null ? floor.failure() : target.failure());
  }

  @Override
  public void release(CountForecast forecast) {
    Instant now = clock.instant();
    for (FloorAction<?> floor : floors) {
      floor.release(forecast, now);
    }
  }

  @Override
  public void forget(String uid) {
    for (FloorAction<?> floor : floors) {
      floor.forget(uid);
    }
  }
}
