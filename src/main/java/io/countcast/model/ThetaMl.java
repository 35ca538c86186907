package io.countcast.model;

/**
 * Maximum likelihood for the NB2 size θ at fixed means, exactly as {@code MASS::theta.ml}: start
 * from the moment estimate θ₀ = Σw / Σ w (y/μ − 1)², take Newton steps θ ← |θ| + S(θ)/I(θ) while
 * fewer than {@code limit} iterations have run and |Δθ| &gt; ε^¼, and report SE(θ) = 1/√I at the
 * last Newton iterate (before its step), as R does. Score and information are written in forms
 * that stay accurate for huge θ, and the θ-only digamma terms are summed over distinct counts.
 */
final class ThetaMl {

  /** R's eps^(1/4) with eps = 2^-52. */
  static final double STEP_TOLERANCE = Math.pow(Math.ulp(1.0), 0.25);
  /** Beyond this θ the NB2 is numerically Poisson; Newton stops instead of overflowing. */
  static final double THETA_CAP = 1e12;

  private ThetaMl() {
  }

  /** θ̂, its SE, and whether R would have said "iteration limit reached". */
  record Estimate(double theta, double stdError, boolean limitReached, boolean truncatedAtZero) {
  }

  static Estimate fit(FitInput in, double[] mu, int limit) {
    return fit(in, mu, limit, Double.NaN);
  }

  /**
   * As {@link #fit(FitInput, double[], int)}, but Newton starts from {@code start} unless it is
   * NaN. Within an NB2 alternation the previous θ is much closer than the moment estimate, so
   * one or two steps replace four to seven; the estimate is the same to the step tolerance.
   */
  static Estimate fit(FitInput in, double[] mu, int limit, double start) {
    double t0 = Double.isNaN(start) ? moment(in, mu) : start;
    if (!(t0 < THETA_CAP)) {
      t0 = THETA_CAP;
    }
    double[] sums = new double[2];
    double info = Double.NaN;
    double del = 1;
    int it = 0;
    while (++it < limit && Math.abs(del) > STEP_TOLERANCE) {
      t0 = Math.abs(t0);
      in.table().digammaSums(t0, sums);
      double[] rowSums = rowTerms(in, mu, t0);
      double score = sums[0] + rowSums[0];
      info = sums[1] + rowSums[1];
      del = score / info;
      t0 += del;
      if (!(t0 < THETA_CAP)) {
        t0 = THETA_CAP;
        break;
      }
    }
    boolean truncated = t0 < 0;
    if (truncated) {
      t0 = 0;
    }
    double se = info > 0 ? Math.sqrt(1 / info) : Double.POSITIVE_INFINITY;
    return new Estimate(t0, se, it == limit || t0 >= THETA_CAP, truncated);
  }

  /** The moment estimate Σw / Σ w (y/μ − 1)², R's start. */
  private static double moment(FitInput in, double[] mu) {
    double denom = 0;
    for (int i = 0; i < in.n; i++) {
      double r = in.y[i] / mu[i] - 1;
      denom += in.weights[i] * r * r;
    }
    return in.weightSum() / denom;
  }

  /** The per-row parts of the score and information at θ, summed in {@link RowChunks}. */
  private static double[] rowTerms(FitInput in, double[] mu, double theta) {
    return RowChunks.sum(in.n, 2, 2 * RowChunks.LOG_WORK, (from, to, out, at) -> {
      double score = 0;
      double info = 0;
      double invTheta = 1 / theta;
      for (int i = from; i < to; i++) {
        double m = mu[i];
        double w = in.weights[i];
        // One division per row instead of three: divisions, not multiplies, limit this loop.
        double r = 1 / (m + theta);
        double diff = (m - in.y[i]) * r;
        // ln θ + 1 − ln(θ+μ) − (y+θ)/(μ+θ) = −log1p(μ/θ) + (μ−y)/(μ+θ)
        score += w * (diff - NbMath.log1p(m * invTheta));
        // −1/θ + 2/(μ+θ) − (y+θ)/(μ+θ)² = −μ/(θ(μ+θ)) + (μ−y)/(μ+θ)²
        info += w * r * (diff - m * invTheta);
      }
      out[at] = score;
      out[at + 1] = info;
    });
  }
}
