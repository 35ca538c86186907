package io.countcast.operator;

import io.countcast.api.ActionStatus;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * What ScaleHPA's two fields ({@link HpaMinReplicas}, {@link HpaCpuTarget}) share: the action
 * type, every HPA in the namespace as a candidate, the KEDA refusal, the merge patch and the
 * reference. Subclasses say which field they raise and how to find and read it.
 */
abstract class HpaTarget implements FloorTarget<HorizontalPodAutoscaler> {

  private final KubernetesClient client;

  HpaTarget(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public final ActionType type() {
    return ActionType.SCALE_HPA;
  }

  @Override
  public final List<HorizontalPodAutoscaler> candidates(CountForecast forecast, ForecastPlan plan,
      ActionStatus previous) {
    return client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(forecast.getMetadata().getNamespace()).list().getItems();
  }

  @Override
  public final Problem refusal(HorizontalPodAutoscaler hpa) {
    return HpaMinReplicas.kedaManaged(hpa);
  }

  @Override
  public final void patch(HorizontalPodAutoscaler hpa, String patch) {
    client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace(hpa.getMetadata().getNamespace()).withName(hpa.getMetadata().getName())
        .patch(SurgeActions.MERGE, patch);
  }

  @Override
  public final String reference(HorizontalPodAutoscaler hpa) {
    return "HorizontalPodAutoscaler/" + hpa.getMetadata().getName();
  }

  /**
   * HpaNotFound for the HPA the plan names ("does not exist" + {@code namedSuffix}) or for the
   * one scaling the target ("no HPA ... scales target" + {@code targetSuffix}).
   */
  static Problem hpaNotFound(CountForecast forecast, ForecastPlan plan, String namedSuffix,
      String targetSuffix) {
    String namespace = forecast.getMetadata().getNamespace();
    String hpaName = plan.action().hpaName();
    return new Problem(Reasons.HPA_NOT_FOUND, hpaName != null
        ? "HPA " + namespace + "/" + hpaName + " does not exist" + namedSuffix
        : "no HPA in namespace " + namespace + " scales " + plan.target() + targetSuffix);
  }
}
