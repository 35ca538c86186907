package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;

/**
 * One kind of object whose field a floor action raises ahead of a surge and restores after it:
 * the HPA's minReplicas ({@link HpaMinReplicas}), a headroom placeholder Deployment's replicas
 * ({@link PlaceholderReplicas}) or a CapacityBuffer's replicas ({@link CapacityBufferReplicas}).
 * It only reads and writes; {@link FloorAction} holds the shared decide → apply → restore logic
 * (ownership annotations, cooldown, GitOps, dry run) for all of them.
 *
 * @param <T> the object's type
 */
interface FloorTarget<T extends HasMetadata> {

  /** The action type that acts on this kind of object. */
  ActionType type();

  /** Whether {@code plan}'s action acts on this kind of object. */
  default boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == type();
  }

  /** What decision messages call the raised field. */
  SurgeFloorPolicy.Subject subject();

  /**
   * The objects in the CountForecast's namespace that may hold its floor: the one {@code plan}
   * names (if any) and the ones {@code previous} reports. Lists only what the RBAC allows.
   *
   * @param plan the plan, or null when releasing (invalid spec, other action, deletion)
   * @param previous the previous status.action, or null
   */
  List<T> candidates(CountForecast forecast, ForecastPlan plan, ActionStatus previous);

  /** The object {@code plan} acts on among {@code candidates}, or null when it does not exist. */
  T find(List<T> candidates, CountForecast forecast, ForecastPlan plan);

  /** Why {@link #find} found nothing, with the reason for ActionReady. */
  Problem notFound(CountForecast forecast, ForecastPlan plan);

  /** Why the action must not write {@code object} (e.g. KEDA owns it), or null. */
  default Problem refusal(T object) {
    return null;
  }

  /** The floor {@code plan} asks for now (e.g. surgeMinReplicas, or sized by the forecast). */
  int wanted(ForecastPlan plan, CountForecastStatus next, Instant now);

  /** The annotation recording the field's original value. */
  String originalAnnotation();

  /** The object's floor as the owner {@code ownerKey} sees it. */
  HpaFloor.Read read(T object, String ownerKey, Integer knownOriginal);

  /** The spec part of a merge patch of {@code object} setting the raised field to {@code value}. */
  Object specPatch(T object, int value);

  /** The annotation key under which the CountForecast records its own value. */
  default String ownerKey(CountForecast forecast) {
    return HpaFloor.ownerKey(forecast.getMetadata().getNamespace(),
        forecast.getMetadata().getName());
  }

  /** This action's previous status within status.action (the whole of it for most). */
  default ActionStatus previous(ActionStatus action) {
    return action;
  }

  /** Applies the JSON merge patch {@code patch} to {@code object}. */
  void patch(T object, String patch);

  /** The object as status.action.object shows it: Kind/name. */
  default String reference(T object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
