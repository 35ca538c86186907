package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a {@link CountForecast} does about a forecast surge. */
public enum ActionType {
  /** Publish the forecast in status only. */
  @JsonProperty("None")
  NONE,
  /** Also annotate the target workload with the surge forecast. */
  @JsonProperty("Annotate")
  ANNOTATE,
  /** Raise the HPA's minReplicas ahead of the surge and restore it after the cooldown. */
  @JsonProperty("ScaleHPA")
  SCALE_HPA,
  /**
   * Raise the replicas of a placeholder Deployment or CapacityBuffer ahead of the surge, so the
   * node autoscaler makes room, and restore them after the cooldown.
   */
  @JsonProperty("Headroom")
  HEADROOM
}
