package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.TargetKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the surge forecast as {@code countcast.io/surge-*} annotations on the target workload
 * and on its HPA (actions Annotate, ScaleHPA and Headroom), only where they changed. A failure
 * is a Warning Event AnnotateFailed and never stops the action.
 */
final class SurgeAnnotations {

  private final KubernetesClient client;
  private final ForecastEvents events;
  private final ForecastMetrics metrics;

  SurgeAnnotations(KubernetesClient client, ForecastEvents events, ForecastMetrics metrics) {
    this.client = client;
    this.events = events;
    this.metrics = metrics;
  }

  /** Annotates the target and the HPA {@link HpaMinReplicas#find} picks, unless dry run. */
  void annotate(CountForecast forecast, ForecastPlan plan, CountForecastStatus next,
      Instant now) {
    if (plan.action().dryRun()) {
      return;
    }
    Map<String, String> wanted = ForecastAnnotations.of(next, plan.surge().probability(), now);
    if (wanted.isEmpty()) {
      return;
    }
    try {
      ForecastPlan.TargetPlan ref = plan.target();
      String namespace = forecast.getMetadata().getNamespace();
      var workload = ref.kind() == TargetKind.STATEFUL_SET
          ? client.apps().statefulSets().inNamespace(namespace).withName(ref.name())
          : client.apps().deployments().inNamespace(namespace).withName(ref.name());
      HasMetadata current = workload.get();
      if (current != null) {
        patchAnnotations(current, wanted, changes -> workload.patch(SurgeActions.MERGE, changes));
      }
      HorizontalPodAutoscaler hpa = HpaMinReplicas.find(client.autoscaling().v2()
          .horizontalPodAutoscalers().inNamespace(namespace).list().getItems(), plan);
      if (hpa != null) {
        patchAnnotations(hpa, wanted, changes -> client.autoscaling().v2()
            .horizontalPodAutoscalers().inNamespace(namespace)
            .withName(hpa.getMetadata().getName()).patch(SurgeActions.MERGE, changes));
      }
    } catch (KubernetesClientException e) {
      events.warn(forecast, new Problem(Reasons.ANNOTATE_FAILED,
          "cannot annotate the surge forecast: " + CountForecastReconciler.oneLine(e)), now);
    }
  }

  private void patchAnnotations(HasMetadata object, Map<String, String> wanted,
      Consumer<String> patch) {
    Map<String, String> changes = ForecastAnnotations.changes(
        object.getMetadata().getAnnotations(), wanted);
    if (!changes.isEmpty()) {
      patch.accept(ActionReporter.json(Map.of("metadata", Map.of("annotations", changes))));
      metrics.countAction("annotate");
    }
  }
}
