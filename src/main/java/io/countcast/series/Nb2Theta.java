package io.countcast.series;

import io.countcast.model.NbMath;

/**
 * Maximum-likelihood NB2 size θ for counts with known means (Var = μ + μ²/θ), by Newton steps
 * from the moment estimate, as MASS's {@code theta.ml} does. Used for the seasonal-naive
 * baseline, whose means are not fitted but given by the season-ago counts.
 */
final class Nb2Theta {

  /** θ above this is reported as this: the data show no overdispersion. */
  static final double MAX_THETA = 1e7;

  private Nb2Theta() {
  }

  /** The moment estimate n / Σ (y/μ − 1)², the usual Newton start. */
  static double moment(double[] y, double[] mu) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double r = y[i] / mu[i] - 1;
      s += r * r;
    }
    return Math.min(MAX_THETA, y.length / Math.max(s, 1e-12));
  }

  /** Maximum-likelihood θ given the means, capped at {@link #MAX_THETA}. */
  static double maximumLikelihood(double[] y, double[] mu, double start) {
    double t = Math.max(start, 1e-4);
    for (int it = 0; it < 50; it++) {
      double score = 0;
      double info = 0;
      for (int i = 0; i < y.length; i++) {
        double yt = y[i] + t;
        double mt = mu[i] + t;
        // ψ(y+θ) − ψ(θ) and ψ′(θ) − ψ′(y+θ) as the engine computes them: finite sums for small
        // counts, several times cheaper than commons-math's recursions (same values)
        score += NbMath.digammaDiff(y[i], t) + Math.log(t) + 1 - Math.log(mt) - yt / mt;
        info += NbMath.trigammaDiff(y[i], t) - 1 / t + 2 / mt - yt / (mt * mt);
      }
      // Far from the optimum the observed information can be negative; then halve or double θ
      // in the direction of the score instead of taking a Newton step.
      double next = info > 0 ? t + score / info : (score > 0 ? 2 * t : t / 2);
      if (!(next > 0)) {
        next = t / 2;
      }
      next = Math.min(next, MAX_THETA);
      if (Math.abs(next - t) < 1e-6 * t) {
        return next;
      }
      t = next;
    }
    return t;
  }
}
