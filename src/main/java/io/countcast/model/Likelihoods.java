package io.countcast.model;

/** Weighted log-likelihoods of the GLM families at given means, summed over the rows. */
final class Likelihoods {

  private Likelihoods() {
  }

  /** Σ w [y ln μ − μ − ln y!]. */
  static double poisson(FitInput in, double[] mu) {
    double s = 0;
    for (int i = 0; i < in.n; i++) {
      double y = in.y[i];
      s += in.weights[i] * ((y > 0 ? y * Math.log(mu[i]) : 0) - mu[i]);
    }
    return s - in.logFactorialSum();
  }

  /**
   * Σ w [ln Γ(y+θ) − ln Γ(θ) − ln y! + θ ln θ + y ln μ − (θ+y) ln(θ+μ)], rearranged as
   * Σ w [ln Γ(y+θ) − ln Γ(θ) − y ln θ] − Σ w ln y! + Σ w [y ln μ − (θ+y) log1p(μ/θ)] so that it
   * stays exact as θ → ∞ (where it tends to the Poisson likelihood).
   */
  static double nb2(FitInput in, double theta, double[] mu) {
    double s = 0;
    for (int i = 0; i < in.n; i++) {
      double y = in.y[i];
      double m = mu[i];
      s += in.weights[i] * ((y > 0 ? y * Math.log(m) : 0) - (theta + y) * Math.log1p(m / theta));
    }
    return s + in.table().logGammaRatioSum(theta) - in.logFactorialSum();
  }
}
