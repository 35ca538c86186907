package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/** Seasonal cycles the model can include as Fourier terms. */
public enum Seasonality {
  @JsonProperty("daily")
  DAILY(Duration.ofDays(1)),
  @JsonProperty("weekly")
  WEEKLY(Duration.ofDays(7));

  private final Duration period;

  Seasonality(Duration period) {
    this.period = period;
  }

  /** Length of one cycle. */
  public Duration period() {
    return period;
  }
}
