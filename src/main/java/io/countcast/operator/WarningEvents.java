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
 * Records core/v1 Warning Events on a CountForecast, so {@code kubectl describe} shows why it is
 * not Ready. Failing to record an Event is logged and never fails the reconcile.
 */
final class WarningEvents {

  static final String COMPONENT = "countcast-operator";
  private static final Logger LOG = LoggerFactory.getLogger(WarningEvents.class);

  private final KubernetesClient client;

  WarningEvents(KubernetesClient client) {
    this.client = client;
  }

  /** Records a Warning Event with {@code problem}'s reason and message. */
  void warn(CountForecast forecast, Problem problem, Instant now) {
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
          .withType("Warning").withReason(problem.reason()).withMessage(problem.message())
          .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record Warning Event {} on CountForecast {}/{}: {}", problem.reason(),
          namespace, forecast.getMetadata().getName(), e.getMessage());
    }
  }
}
