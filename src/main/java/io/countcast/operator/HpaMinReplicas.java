package io.countcast.operator;

import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ScaleHPA's floor: the HPA's {@code spec.minReplicas}. Every HPA in the namespace is a
 * candidate (a floor may be left on one that stopped being the target); the target is the HPA
 * named by action.hpaName, or else the one whose scaleTargetRef is the target workload.
 */
final class HpaMinReplicas extends HpaTarget {

  /** The label KEDA puts on the HPAs it creates for a ScaledObject. */
  static final String KEDA_LABEL = "scaledobject.keda.sh/name";

  HpaMinReplicas(KubernetesClient client) {
    super(client);
  }

  @Override
  public boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == ActionType.SCALE_HPA
        && plan.action().surgeMinReplicas() != null;
  }

  @Override
  public SurgeFloorPolicy.Subject subject() {
    return SurgeFloorPolicy.Subject.HPA;
  }

  @Override
  public HorizontalPodAutoscaler find(List<HorizontalPodAutoscaler> candidates,
      CountForecast forecast, ForecastPlan plan) {
    return find(candidates, plan);
  }

  /** The HPA the plan names, or else the one whose scaleTargetRef is the target. */
  static HorizontalPodAutoscaler find(List<HorizontalPodAutoscaler> hpas, ForecastPlan plan) {
    String hpaName = plan.action().hpaName();
    ForecastPlan.TargetPlan target = plan.target();
    return hpas.stream().filter(h -> hpaName != null
        ? hpaName.equals(h.getMetadata().getName())
        : h.getSpec().getScaleTargetRef() != null
            && target.kindName().equals(h.getSpec().getScaleTargetRef().getKind())
            && target.name().equals(h.getSpec().getScaleTargetRef().getName()))
        .findFirst().orElse(null);
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return hpaNotFound(forecast, plan, "", "");
  }

  /**
   * KedaManaged when KEDA owns {@code hpa} (an ownerReference of kind ScaledObject, or the
   * label {@value #KEDA_LABEL}): KEDA rewrites it on every sync, so Countcast must not also
   * write it; the KEDA feed is the way (docs/autoscaling.md). Else null.
   */
  static Problem kedaManaged(HorizontalPodAutoscaler hpa) {
    boolean owned = hpa.getMetadata().getOwnerReferences() != null
        && hpa.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> "ScaledObject".equals(o.getKind()));
    boolean labelled = hpa.getMetadata().getLabels() != null
        && hpa.getMetadata().getLabels().containsKey(KEDA_LABEL);
    return owned || labelled ? new Problem(Reasons.KEDA_MANAGED, "HPA "
        + hpa.getMetadata().getName() + " is managed by a KEDA ScaledObject, which would undo "
        + "any change; ScaleHPA leaves it alone. Scale on Countcast's forecast through KEDA "
        + "instead (countcast_forecast_upper_leadtime, countcast_surge_active; "
        + "docs/autoscaling.md)") : null;
  }

  @Override
  public int wanted(ForecastPlan plan, CountForecastStatus next, Instant now) {
    return plan.action().surgeMinReplicas();
  }

  @Override
  public String originalAnnotation() {
    return HpaFloor.ORIGINAL;
  }

  @Override
  public HpaFloor.Read read(HorizontalPodAutoscaler hpa, String ownerKey, Integer knownOriginal) {
    return HpaFloor.read(hpa, ownerKey, knownOriginal);
  }

  @Override
  public Object specPatch(HorizontalPodAutoscaler hpa, int value) {
    return Map.of("minReplicas", value);
  }
}
