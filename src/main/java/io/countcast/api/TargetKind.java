package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Workload kinds a {@link CountForecast} can target: both have an HPA-scalable replica count. */
public enum TargetKind {
  @JsonProperty("Deployment")
  DEPLOYMENT,
  @JsonProperty("StatefulSet")
  STATEFUL_SET
}
