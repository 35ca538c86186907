package io.countcast.series;

/** How a series forecast was made. */
public enum ForecastMethod {

  /** A count regression chosen and fitted on the training window. */
  REGRESSION("regression"),

  /**
   * Too few events to fit a regression: a constant rate with a Jeffreys prior
   * ({@link GammaPoissonRate}), whose posterior predictive is negative binomial.
   */
  GAMMA_POISSON("gamma-poisson");

  private final String id;

  ForecastMethod(String id) {
    this.id = id;
  }

  /** The name used in reasons, JSON and status. */
  public String id() {
    return id;
  }
}
