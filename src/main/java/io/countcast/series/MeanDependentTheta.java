package io.countcast.series;

import org.apache.commons.math3.special.Gamma;

/**
 * An NB2 size that depends on the mean: log θ(μ) = a + b·(log μ − c), with c the mean log μ of
 * the training rows. b &lt; 0 lets calm windows (small μ) get a larger θ, i.e. relatively
 * narrower intervals, than bursty ones, instead of one θ that the bursts make too small for the
 * calm hours. a and b are fitted by maximum likelihood with the regression's means held fixed
 * (the β–θ cross information of NB2 is zero in expectation, as for glm.nb's alternation).
 *
 * @param a log θ at the typical mean
 * @param b change of log θ per unit of log μ
 * @param center c
 * @param logLik log-likelihood of the training counts under the fitted θ(μ)
 */
record MeanDependentTheta(double a, double b, double center, double logLik) {

  /** θ for a window with mean μ, clamped to [1e-3, 1e7] so extrapolation stays sane. */
  double theta(double mu) {
    double t = Math.exp(a + b * (Math.log(mu) - center));
    return Math.max(1e-3, Math.min(1e7, t));
  }

  /**
   * Fits a and b from counts and fitted means, starting from a constant θ.
   *
   * @return the fit, or null when Newton's method does not settle
   */
  static MeanDependentTheta fit(double[] y, double[] mu, double theta0) {
    int n = y.length;
    double center = 0;
    for (double m : mu) {
      center += Math.log(m);
    }
    center /= n;
    double a = Math.log(theta0);
    double b = 0;
    double ll = logLik(y, mu, a, b, center);
    for (int it = 0; it < 50; it++) {
      double g0 = 0;
      double g1 = 0;
      double h00 = 0;
      double h01 = 0;
      double h11 = 0;
      for (int i = 0; i < n; i++) {
        double z = Math.log(mu[i]) - center;
        double t = Math.exp(a + b * z);
        double yt = y[i] + t;
        double mt = mu[i] + t;
        double s = Gamma.digamma(yt) - Gamma.digamma(t) + Math.log(t) + 1 - Math.log(mt) - yt / mt;
        double d2 = Gamma.trigamma(yt) - Gamma.trigamma(t) + 1 / t - 2 / mt + yt / (mt * mt);
        double w = t * t * d2 + t * s; // second derivative in log θ
        g0 += t * s;
        g1 += t * s * z;
        h00 += w;
        h01 += w * z;
        h11 += w * z * z;
      }
      double det = h00 * h11 - h01 * h01;
      double da = det != 0 ? -(h11 * g0 - h01 * g1) / det : 0;
      double db = det != 0 ? -(h00 * g1 - h01 * g0) / det : 0;
      if (!(det > 0) || h00 >= 0) {
        // not concave here: a small gradient step instead of Newton
        da = 1e-3 * g0 / n;
        db = 1e-3 * g1 / n;
      }
      double step = 1;
      double next = logLik(y, mu, a + da, b + db, center);
      while (!(next >= ll) && step > 1e-6) {
        step /= 2;
        next = logLik(y, mu, a + step * da, b + step * db, center);
      }
      if (!(next >= ll)) {
        return null;
      }
      a += step * da;
      b += step * db;
      boolean settled = next - ll < 1e-9 * (1 + Math.abs(ll));
      ll = next;
      if (settled) {
        return new MeanDependentTheta(a, b, center, ll);
      }
    }
    return null;
  }

  private static double logLik(double[] y, double[] mu, double a, double b, double center) {
    double ll = 0;
    for (int i = 0; i < y.length; i++) {
      double t = Math.exp(a + b * (Math.log(mu[i]) - center));
      ll += Gamma.logGamma(y[i] + t) - Gamma.logGamma(t) - Gamma.logGamma(y[i] + 1)
          + t * Math.log(t / (t + mu[i])) + y[i] * Math.log(mu[i] / (t + mu[i]));
    }
    return ll;
  }
}
