package io.countcast.operator;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads of a CountForecast's status from the API server, shared by the action ITs. */
final class ForecastReads {

  private ForecastReads() {
  }

  static CountForecast forecast(KubernetesClient client, String ns, String name) {
    return client.resources(CountForecast.class).inNamespace(ns).withName(name).get();
  }

  /** status.action, or null while there is no resource or status. */
  static ActionStatus action(KubernetesClient client, String ns, String name) {
    CountForecast forecast = forecast(client, ns, name);
    return forecast == null || forecast.getStatus() == null ? null
        : forecast.getStatus().getAction();
  }

  /** status.action.state, or null while there is none. */
  static ActionState state(KubernetesClient client, String ns, String name) {
    ActionStatus action = action(client, ns, name);
    return action == null ? null : action.getState();
  }

  /** The condition of {@code type}; fails when the status has none. */
  static Condition condition(KubernetesClient client, String ns, String name, String type) {
    return forecast(client, ns, name).getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }
}
