package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.SpecLimits;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Headroom's two objects ({@link PlaceholderReplicas}, {@link CapacityBufferReplicas})
 * share: a named object of one kind whose {@code spec.replicas} is raised, sized by
 * {@link HeadroomSize}. Only named objects are read (get, never list): the one the plan names
 * and the one status.action reports. Subclasses say how to get and patch one, which name the
 * plan gives, how many replicas it has now and what to say when it is missing.
 *
 * @param <T> the object's type
 */
abstract class HeadroomTarget<T extends HasMetadata> implements FloorTarget<T> {

  private final String kind;

  HeadroomTarget(String kind) {
    this.kind = kind;
  }

  /** The name {@code headroom} gives this kind of object, or null. */
  abstract String plannedName(ForecastPlan.HeadroomPlan headroom);

  /** The object {@code name} in {@code namespace}, or null when it does not exist. */
  abstract T get(String namespace, String name);

  /** The object's spec.replicas now. */
  abstract int currentReplicas(T object);

  @Override
  public final ActionType type() {
    return ActionType.HEADROOM;
  }

  @Override
  public final boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == ActionType.HEADROOM
        && plannedName(plan.action().headroom()) != null;
  }

  @Override
  public final SurgeFloorPolicy.Subject subject() {
    return new SurgeFloorPolicy.Subject(kind, "replicas");
  }

  @Override
  public final List<T> candidates(CountForecast forecast, ForecastPlan plan,
      ActionStatus previous) {
    String namespace = forecast.getMetadata().getNamespace();
    return HeadroomObjects.names(kind, plan == null ? null
            : plan.action().headroom() == null ? null : plannedName(plan.action().headroom()),
        previous).stream()
        .map(name -> get(namespace, name))
        .filter(Objects::nonNull).toList();
  }

  @Override
  public final T find(List<T> candidates, CountForecast forecast, ForecastPlan plan) {
    String name = plannedName(plan.action().headroom());
    return name == null ? null : candidates.stream()
        .filter(o -> name.equals(o.getMetadata().getName())).findFirst().orElse(null);
  }

  @Override
  public final int wanted(ForecastPlan plan, CountForecastStatus next, Instant now) {
    return HeadroomSize.replicas(plan, next, now);
  }

  @Override
  public final String originalAnnotation() {
    return HpaFloor.ORIGINAL_REPLICAS;
  }

  @Override
  public final HpaFloor.Read read(T object, String ownerKey, Integer knownOriginal) {
    int current = currentReplicas(object);
    return HpaFloor.read(object.getMetadata().getAnnotations(),
        new HpaFloor.Field(HpaFloor.ORIGINAL_REPLICAS, 0), current,
        Math.max(current, SpecLimits.MAX_HEADROOM_REPLICAS), ownerKey, knownOriginal);
  }

  @Override
  public final Object specPatch(T object, int value) {
    return Map.of("replicas", value);
  }

  @Override
  public final String reference(T object) {
    return kind + "/" + object.getMetadata().getName();
  }
}
