package io.countcast.operator;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.operator.FloorDecision.FloorWrite;
import io.countcast.operator.FloorDecision.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floor actions' shared logic, for any {@link FloorTarget}: decide with
 * {@link SurgeFloorPolicy}, apply as a JSON merge patch of only the raised field and the
 * {@code countcast.io/*} ownership annotations (carrying the object's resourceVersion, so a
 * concurrent edit makes the write fail and be decided again on the next tick instead of being
 * overwritten), and restore: after the cooldown, on an object that is no longer the target,
 * when the action changes, and when the CountForecast is deleted.
 *
 * @param <T> the type of object acted on
 */
final class FloorAction<T extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(FloorAction.class);

  private final FloorTarget<T> target;
  private final ActionReporter reporter;
  private final SurgeFloorPolicy policy = new SurgeFloorPolicy();
  /**
   * By CountForecast uid: false once this process has checked that it holds no floor since its
   * action stopped being this one. Unknown (a new process) or this action means it may hold
   * one: status.action can lag the objects (it is written after them, and its patch can fail),
   * so the objects themselves are checked, once, instead of trusting the status.
   */
  private final Map<String, Boolean> mayHold = new ConcurrentHashMap<>();
  /** By CountForecast uid: the last AnnotationInvalid message reported, so it is sent once. */
  private final Map<String, String> lastInvalid = new ConcurrentHashMap<>();

  FloorAction(FloorTarget<T> target, ActionReporter reporter) {
    this.target = target;
    this.reporter = reporter;
  }

  ActionType type() {
    return target.type();
  }

  /** Whether {@code plan} (may be null: invalid spec) acts on this action's objects. */
  boolean actsOn(ForecastPlan plan) {
    return plan != null && target.actsOn(plan);
  }

  /** Acts as {@code plan} (whose action is this one) says; restores floors on other objects. */
  ActionOutcome act(CountForecast forecast, ForecastPlan plan, CountForecastStatus next,
      Instant now) {
    ActionStatus previous = target.previous(next.getAction());
    mayHold.put(forecast.getMetadata().getUid(), true);
    List<T> candidates = target.candidates(forecast, plan, previous);
    T object = target.find(candidates, forecast, plan);
    releaseAll(forecast, candidates, object, now,
        "the " + target.subject().object() + " is no longer this CountForecast's target: ");
    Problem unusable = object == null ? target.notFound(forecast, plan) : target.refusal(object);
    if (unusable != null) {
      return unusable(forecast, unusable, previous, now);
    }
    ActionOutcome outcome = decideAndWrite(forecast, plan, next, previous, object, now);
    if (outcome.status() != null) {
      outcome.status().setObject(target.reference(object));
    }
    return outcome;
  }

  /**
   * Restores this CountForecast's floors on every object of this kind, when its action is no
   * longer this one; the last restore's status, if any.
   */
  Optional<ActionStatus> releaseHeld(CountForecast forecast, ActionStatus action, String why,
      Instant now) {
    ActionStatus previous = target.previous(action);
    String uid = forecast.getMetadata().getUid();
    boolean reportedHeld = previous != null && (previous.getState() == ActionState.RAISED
        || previous.getState() == ActionState.COOLDOWN);
    if (!reportedHeld && !mayHold.getOrDefault(uid, true)) {
      return Optional.empty();
    }
    Optional<ActionStatus> released = releaseAll(forecast,
        target.candidates(forecast, null, previous), null, now, why);
    mayHold.put(uid, false);
    return released;
  }

  /** Restores every floor of a deleted CountForecast; throws when that fails. */
  void release(CountForecast forecast, Instant now) {
    ActionStatus previous = target.previous(
        forecast.getStatus() == null ? null : forecast.getStatus().getAction());
    ForecastPlan plan = planOrNull(forecast);
    releaseAll(forecast, target.candidates(forecast, plan, previous), null, now,
        "CountForecast deleted: ");
    forget(forecast.getMetadata().getUid());
  }

  /** Forgets what this process remembers of CountForecast {@code uid}; the cluster is untouched. */
  void forget(String uid) {
    mayHold.remove(uid);
    lastInvalid.remove(uid);
  }

  private ActionOutcome decideAndWrite(CountForecast forecast, ForecastPlan plan,
      CountForecastStatus next, ActionStatus previous, T object, Instant now) {
    ForecastPlan.ActionPlan action = plan.action();
    String key = target.ownerKey(forecast);
    HpaFloor.Read read = target.read(object, key,
        previous == null ? null : previous.getOriginalMinReplicas());
    reportInvalid(forecast, object, read.invalid(), now);
    HpaFloor floor = read.floor();
    FloorDecision decision;
    if (floor.mine() == null && read.invalid().stream().anyMatch(i -> i.startsWith(key + "="))) {
      // Our own floor annotation was overwritten with garbage: restore the floor safely.
      decision = policy.release(new HpaFloor(floor.minReplicas(), floor.maxReplicas(),
          floor.original(), floor.minReplicas(), floor.others()), target.subject(), now,
          "annotation " + key + " was not a valid floor: ").orElseThrow();
    } else {
      decision = policy.decide(new SurgeFloorPolicy.Inputs(now,
          target.wanted(plan, next, now), action.leadTime(), action.cooldown(),
          plan.surge().probability(), next.getForecast(),
          SurgeFloorPolicy.isFresh(next, plan.model().trainEvery(), now),
          action.dryRun(), previous, floor, target.subject()));
    }
    if (decision.write() != null) {
      try {
        write(object, key, decision.write());
      } catch (KubernetesClientException e) {
        return writeFailed(forecast, previous, object, e, now);
      }
    }
    report(forecast, decision, now);
    ActionStatus status = decision.toStatus();
    // ExternalChange is an outcome to see in ActionReady as well as in the state.
    return decision.state() == ActionState.EXTERNAL_CHANGE
        ? new ActionOutcome(status, new Problem(Reasons.EXTERNAL_CHANGE, decision.reason()))
        : ActionOutcome.ok(status);
  }

  /** Nothing to act on (missing, or refused): Idle with the reason, reported once. */
  private ActionOutcome unusable(CountForecast forecast, Problem problem, ActionStatus previous,
      Instant now) {
    if (previous != null && previous.getState() == ActionState.IDLE
        && problem.message().equals(previous.getReason())) {
      // reported already; an unchanged status is not patched again
      return new ActionOutcome(previous, problem);
    }
    return new ActionOutcome(reporter.idle(problem.message(), now),
        reporter.warn(forecast, type(), problem, now));
  }

  /** A Warning Event AnnotationInvalid when the object's unusable annotations changed. */
  private void reportInvalid(CountForecast forecast, T object, List<String> invalid,
      Instant now) {
    String uid = forecast.getMetadata().getUid();
    if (invalid.isEmpty()) {
      lastInvalid.remove(uid);
      return;
    }
    String message = target.subject().object() + " " + object.getMetadata().getName() + ": "
        + String.join("; ", invalid) + "; ignored, and the floor kept within its limits";
    if (!message.equals(lastInvalid.put(uid, message))) {
      LOG.info("CountForecast {}/{}: {}", forecast.getMetadata().getNamespace(),
          forecast.getMetadata().getName(), message);
      reporter.event(forecast, new Problem(Reasons.ANNOTATION_INVALID, message), now);
    }
  }

  /** Restores this CountForecast's floor on each of {@code objects} except {@code keep}. */
  private Optional<ActionStatus> releaseAll(CountForecast forecast, List<T> objects, T keep,
      Instant now, String why) {
    String key = target.ownerKey(forecast);
    ActionStatus last = null;
    for (T object : objects) {
      if (keep != null && keep.getMetadata().getName().equals(object.getMetadata().getName())) {
        continue;
      }
      var decision = policy.release(target.read(object, key, null).floor(), target.subject(),
          now, why + target.subject().object() + " " + object.getMetadata().getName() + " ");
      if (decision.isPresent()) {
        write(object, key, decision.get().write());
        report(forecast, decision.get(), now);
        last = decision.get().toStatus();
      }
    }
    return Optional.ofNullable(last);
  }

  private void write(T object, String key, FloorWrite write) {
    Map<String, Object> annotations = new HashMap<>();
    annotations.put(target.originalAnnotation(),
        write.original() == null ? null : write.original().toString());
    annotations.put(key, write.mine() == null ? null : write.mine().toString());
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("resourceVersion", object.getMetadata().getResourceVersion());
    metadata.put("annotations", annotations);
    Map<String, Object> patch = new HashMap<>();
    patch.put("metadata", metadata);
    if (write.minReplicas() != null) {
      patch.put("spec", target.specPatch(object, write.minReplicas()));
    }
    target.patch(object, ActionReporter.json(patch));
  }

  /** Records the decision's Normal Event and counts it. */
  private void report(CountForecast forecast, FloorDecision decision, Instant now) {
    String reason = switch (decision.event()) {
      case RAISED -> Reasons.SURGE_FLOOR_RAISED;
      case RESTORED -> Reasons.SURGE_FLOOR_RESTORED;
      case EXTERNAL_CHANGE -> Reasons.EXTERNAL_CHANGE;
      case WOULD_RAISE -> Reasons.DRY_RUN_SURGE_FLOOR_RAISED;
      case WOULD_RESTORE -> Reasons.DRY_RUN_SURGE_FLOOR_RESTORED;
      case NONE -> null;
    };
    if (reason != null) {
      reporter.normal(forecast, reason, decision.reason(), metricType(decision.event()), now);
    }
  }

  static String metricType(Kind kind) {
    return switch (kind) {
      case RAISED -> "raise";
      case RESTORED -> "restore";
      case EXTERNAL_CHANGE -> "externalChange";
      case WOULD_RAISE -> "dryRunRaise";
      case WOULD_RESTORE -> "dryRunRestore";
      case NONE -> "none";
    };
  }

  /**
   * A failed write: a conflict (someone wrote the object since we read it) is decided again on
   * the next tick; anything else is a failure (Forbidden for HTTP 403, else the target's write
   * failure), reported once per message.
   */
  private ActionOutcome writeFailed(CountForecast forecast, ActionStatus previous, T object,
      KubernetesClientException e, Instant now) {
    if (e.getCode() == 409) {
      LOG.info("{} {}/{} changed while CountForecast {} decided; deciding again next tick",
          target.subject().object(), object.getMetadata().getNamespace(),
          object.getMetadata().getName(), forecast.getMetadata().getName());
      return ActionOutcome.ok(previous);
    }
    String message = "cannot write " + target.subject().object() + " "
        + object.getMetadata().getName() + ": " + CountForecastReconciler.oneLine(e);
    String reason = e.getCode() == 403 ? Reasons.FORBIDDEN
        : target.type() == ActionType.SCALE_HPA ? Reasons.HPA_WRITE_FAILED
        : Reasons.ACTION_FAILED;
    return reporter.failed(forecast, type(), previous, new Problem(reason, message), now);
  }

  private static ForecastPlan planOrNull(CountForecast forecast) {
    try {
      return ForecastPlan.of(forecast.getSpec());
    } catch (ProblemException e) {
      return null;
    }
  }
}
