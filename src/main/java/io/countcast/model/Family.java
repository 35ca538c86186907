package io.countcast.model;

import java.util.Locale;

/** Count distributions the engine fits, all on a log link for the mean. */
public enum Family {
  /** Poisson: Var = μ. */
  POISSON("poisson", "Var = mu"),
  /** Negative binomial type 2: Var = μ + μ²/θ (θ is R's {@code theta}, statsmodels' 1/alpha). */
  NB2("nb2", "Var = mu + mu^2/theta"),
  /** Negative binomial type 1: Var = μ(1 + α) (glmmTMB's nbinom1 sigma). */
  NB1("nb1", "Var = mu*(1 + alpha)"),
  /** Zero-inflated NB2: P(0) = π + (1−π)·NB2(0), π on a logit link. */
  ZINB2("zinb2", "Var = (1-pi)*mu*(1 + pi*mu + mu/theta)");

  private final String id;
  private final String varianceFormula;

  Family(String id, String varianceFormula) {
    this.id = id;
    this.varianceFormula = varianceFormula;
  }

  /** The lower-case name used on the command line, in JSON and in the CRD. */
  public String id() {
    return id;
  }

  /** The variance function in words, so nobody confuses θ with α. */
  public String varianceFormula() {
    return varianceFormula;
  }

  /** Parses {@code poisson|nb2|nb1|zinb2}, case-insensitively. */
  public static Family parse(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT);
    for (Family f : values()) {
      if (f.id.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown family '" + text + "' (expected poisson, nb2, nb1 or zinb2)");
  }
}
