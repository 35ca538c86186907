package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The count signal to forecast: pod restarts of the target, or a Prometheus query. */
@ValidationRule(value = "has(self.podRestarts) != has(self.prometheus)",
    message = "set exactly one of signal.podRestarts or signal.prometheus")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SignalSpec {

  /**
   * Count container restarts of the pods selected below, per window. Mutually exclusive with
   * prometheus.
   */
  @JsonPropertyDescription(
      "Count container restarts of the pods selected below, per window. Mutually exclusive with "
      + "prometheus.")
  private PodRestartsSignal podRestarts;

  /**
   * Count whatever a Prometheus query returns per window, e.g. 5xx responses. Mutually exclusive
   * with podRestarts.
   */
  @JsonPropertyDescription(
      "Count whatever a Prometheus query returns per window, e.g. 5xx responses. Mutually "
      + "exclusive with podRestarts.")
  private PrometheusSignal prometheus;

  public PodRestartsSignal getPodRestarts() {
    return podRestarts;
  }

  public void setPodRestarts(PodRestartsSignal podRestarts) {
    this.podRestarts = podRestarts;
  }

  public PrometheusSignal getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(PrometheusSignal prometheus) {
    this.prometheus = prometheus;
  }
}
