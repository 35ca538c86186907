package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the surge action currently is, reported in {@code status.action.state}. */
public enum ActionState {
  /** No surge forecast; the HPA is as the user left it. */
  @JsonProperty("Idle")
  IDLE,
  /** The HPA floor is raised for a forecast surge. */
  @JsonProperty("Raised")
  RAISED,
  /** The surge is no longer forecast; the raised floor is kept until the cooldown ends. */
  @JsonProperty("Cooldown")
  COOLDOWN,
  /** A surge is forecast and the action would be taken, but spec.action.dryRun is set. */
  @JsonProperty("DryRun")
  DRY_RUN,
  /** Someone else changed the HPA floor while it was raised; the operator leaves it alone. */
  @JsonProperty("ExternalChange")
  EXTERNAL_CHANGE
}
