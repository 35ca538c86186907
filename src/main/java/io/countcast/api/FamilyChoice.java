package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countcast.model.Family;
import java.util.Optional;

/** The count family requested in {@code spec.model.family}: one engine family, or automatic. */
public enum FamilyChoice {
  /** Fit the candidates and keep the one with the lowest AIC. */
  @JsonProperty("auto")
  AUTO(null),
  @JsonProperty("poisson")
  POISSON(Family.POISSON),
  @JsonProperty("nb2")
  NB2(Family.NB2),
  @JsonProperty("nb1")
  NB1(Family.NB1),
  @JsonProperty("zinb2")
  ZINB2(Family.ZINB2);

  private final Family family;

  FamilyChoice(Family family) {
    this.family = family;
  }

  /** The engine family to fit, or empty for {@link #AUTO}. */
  public Optional<Family> family() {
    return Optional.ofNullable(family);
  }
}
