package io.countcast.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ScaleHPA's surgeTargetUtilization: the {@code averageUtilization} of the HPA's CPU Resource
 * metric (type Resource, resource cpu, target type Utilization), lowered while a surge is
 * forecast so the HPA scales out earlier. A ceiling rather than a floor
 * ({@link HpaFloor.Direction#LOWER}): several CountForecasts on one HPA each record theirs under
 * {@value #OWNER_PREFIX}, and the lowest wins. The write is a merge patch of {@code spec.metrics}
 * as read with only that entry's target changed, carrying the HPA's resourceVersion, so an edit
 * of another entry in between makes it fail and be decided again instead of being lost.
 */
final class HpaCpuTarget extends HpaTarget {

  /** Annotation holding the CPU target utilization before the first owner lowered it. */
  static final String ORIGINAL = HpaFloor.PREFIX + "original-cpu-utilization";
  /** Prefix of the per-owner CPU target annotations. */
  static final String OWNER_PREFIX = HpaFloor.PREFIX + "cpu-target.";
  private static final HpaFloor.Field FIELD = new HpaFloor.Field(ORIGINAL, 1, OWNER_PREFIX,
      HpaFloor.Direction.LOWER);
  private static final ObjectMapper JSON = new ObjectMapper();

  HpaCpuTarget(KubernetesClient client) {
    super(client);
  }

  @Override
  public boolean actsOn(ForecastPlan plan) {
    return plan.action().type() == ActionType.SCALE_HPA
        && plan.action().surgeTargetUtilization() != null;
  }

  @Override
  public SurgeFloorPolicy.Subject subject() {
    return new SurgeFloorPolicy.Subject("HPA", "CPU target utilization");
  }

  /** The HPA {@link HpaMinReplicas#find} picks, if it has a CPU utilization target. */
  @Override
  public HorizontalPodAutoscaler find(List<HorizontalPodAutoscaler> candidates,
      CountForecast forecast, ForecastPlan plan) {
    HorizontalPodAutoscaler hpa = HpaMinReplicas.find(candidates, plan);
    return hpa != null && cpuEntry(hpa) >= 0 ? hpa : null;
  }

  @Override
  public Problem notFound(CountForecast forecast, ForecastPlan plan) {
    return hpaNotFound(forecast, plan,
        " or has no CPU Resource metric with a Utilization target",
        " with a CPU Resource Utilization target");
  }

  @Override
  public int wanted(ForecastPlan plan, CountForecastStatus next, Instant now) {
    return plan.action().surgeTargetUtilization();
  }

  @Override
  public String originalAnnotation() {
    return ORIGINAL;
  }

  @Override
  public String ownerKey(CountForecast forecast) {
    return HpaFloor.ownerKey(OWNER_PREFIX, forecast.getMetadata().getNamespace(),
        forecast.getMetadata().getName());
  }

  @Override
  public ActionStatus previous(ActionStatus action) {
    return action == null || action.getTargetUtilization() == null ? null
        : action.getTargetUtilization().asActionStatus();
  }

  /** An HPA without a CPU utilization target reads as one nobody owns: nothing is done. */
  @Override
  public HpaFloor.Read read(HorizontalPodAutoscaler hpa, String ownerKey, Integer knownOriginal) {
    int entry = cpuEntry(hpa);
    if (entry < 0) {
      return new HpaFloor.Read(new HpaFloor(1, 1, null, null, Map.of(),
          HpaFloor.Direction.LOWER), List.of());
    }
    int current = hpa.getSpec().getMetrics().get(entry).getResource().getTarget()
        .getAverageUtilization();
    return HpaFloor.read(hpa.getMetadata().getAnnotations(), FIELD, current, 1, ownerKey,
        knownOriginal);
  }

  /** spec.metrics as read, with the CPU entry's averageUtilization set to {@code value}. */
  @Override
  public Object specPatch(HorizontalPodAutoscaler hpa, int value) {
    int entry = cpuEntry(hpa);
    List<Map<String, Object>> metrics = new ArrayList<>();
    List<MetricSpec> specs = hpa.getSpec().getMetrics();
    for (int i = 0; i < specs.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> metric = JSON.convertValue(specs.get(i), Map.class);
      if (i == entry) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) metric.get("resource");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) resource.get("target");
        target.put("averageUtilization", value);
      }
      metrics.add(metric);
    }
    return Map.of("metrics", metrics);
  }

  /** Index of the CPU Resource metric with a Utilization target, or -1. */
  static int cpuEntry(HorizontalPodAutoscaler hpa) {
    List<MetricSpec> metrics = hpa.getSpec().getMetrics();
    if (metrics == null) {
      return -1;
    }
    for (int i = 0; i < metrics.size(); i++) {
      MetricSpec m = metrics.get(i);
      if ("Resource".equals(m.getType()) && m.getResource() != null
          && "cpu".equals(m.getResource().getName()) && m.getResource().getTarget() != null
          && "Utilization".equals(m.getResource().getTarget().getType())
          && m.getResource().getTarget().getAverageUtilization() != null) {
        return i;
      }
    }
    return -1;
  }
}
