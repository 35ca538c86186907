package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on a CountForecast: Warnings, so {@code kubectl describe} shows why it
 * is not Ready, and Normal Events for what the surge action did. Failing to record an Event is
 * logged and never fails the reconcile.
 */
final class ForecastEvents {

  static final String COMPONENT = "countcast-operator";
  private static final Logger LOG = LoggerFactory.getLogger(ForecastEvents.class);

  private final KubernetesClient client;

  ForecastEvents(KubernetesClient client) {
    this.client = client;
  }

  /** Records a Warning Event with {@code problem}'s reason and message. */
  void warn(CountForecast forecast, Problem problem, Instant now) {
    record(forecast, "Warning", problem.reason(), problem.message(), now);
  }

  /** Records a Normal Event. */
  void normal(CountForecast forecast, String reason, String message, Instant now) {
    record(forecast, "Normal", reason, message, now);
  }

  private void record(CountForecast forecast, String type, String reason, String message,
      Instant now) {
    String namespace = forecast.getMetadata().getNamespace();
    String time = StatusAggregator.rfc3339(now);
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withGenerateName(forecast.getMetadata().getName() + ".")
          .withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(forecast.getApiVersion()).withKind(forecast.getKind())
              .withNamespace(namespace).withName(forecast.getMetadata().getName())
              .withUid(forecast.getMetadata().getUid()).build())
          .withType(type).withReason(reason).withMessage(message)
          .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record {} Event {} on CountForecast {}/{}: {}", type, reason,
          namespace, forecast.getMetadata().getName(), e.getMessage());
    }
  }
}
