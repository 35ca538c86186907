package io.countcast.model;

/** How a predictive distribution treats the estimated parameters. */
public enum PredictiveMode {

  /**
   * The approximate posterior predictive (the default): the count's distribution averaged over
   * the parameters' approximate normal posterior, β ~ N(β̂, V̂) and log θ (or log α) ~
   * N(log θ̂, se²), summarised as a negative binomial with the same mean and variance (see
   * {@link ParameterUncertainty}). Wider than plug-in where the data are few; almost the same
   * where they are many.
   */
  APPROXIMATE_POSTERIOR,

  /** Parameters fixed at their estimates, as R's {@code predict} and {@code dnbinom} do. */
  PLUG_IN
}
