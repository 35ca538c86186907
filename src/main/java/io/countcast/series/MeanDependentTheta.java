package io.countcast.series;

import io.countcast.model.NbMath;
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
   * Fits a and b from counts and fitted means by Newton's method with step halving, starting
   * from a constant θ.
   *
   * @return the fit, or null when Newton's method does not settle
   */
  static MeanDependentTheta fit(double[] y, double[] mu, double theta0) {
    int n = y.length;
    double[] z = new double[n];
    double center = 0;
    for (int i = 0; i < n; i++) {
      z[i] = Math.log(mu[i]);
      center += z[i];
    }
    center /= n;
    // The parts of ℓ that do not depend on a and b: Σ y ln μ (part of the ℓ whose relative
    // change is the stopping rule) and Σ ln y!.
    double yLogMu = 0;
    double logFactorials = 0;
    for (int i = 0; i < n; i++) {
      yLogMu += y[i] * z[i];
      logFactorials += Gamma.logGamma(y[i] + 1);
      z[i] -= center;
    }
    double a = Math.log(theta0);
    double b = 0;
    Point here = Point.at(y, mu, z, a, b);
    for (int it = 0; it < 50; it++) {
      double det = here.h00 * here.h11 - here.h01 * here.h01;
      double da = -(here.h11 * here.g0 - here.h01 * here.g1) / det;
      double db = -(here.h00 * here.g1 - here.h01 * here.g0) / det;
      if (!(det > 0) || here.h00 >= 0) {
        // not concave here: a small gradient step instead of Newton
        da = 1e-3 * here.g0 / n;
        db = 1e-3 * here.g1 / n;
      }
      double step = 1;
      Point next = Point.at(y, mu, z, a + da, b + db);
      while (!(next.ll >= here.ll) && step > 1e-6) {
        step /= 2;
        next = Point.at(y, mu, z, a + step * da, b + step * db);
      }
      if (!(next.ll >= here.ll)) {
        return null;
      }
      a += step * da;
      b += step * db;
      boolean settled = next.ll - here.ll < 1e-9 * (1 + Math.abs(here.ll + yLogMu));
      here = next;
      if (settled) {
        return new MeanDependentTheta(a, b, center, here.ll + yLogMu - logFactorials);
      }
    }
    return null;
  }

  /**
   * ℓ (without its constant part), its gradient and Hessian in (a, b) at one point, from one
   * pass over the rows: the line search needs ℓ at each trial point and the accepted point's
   * derivatives are the next Newton step's, so computing them together halves the passes.
   * Written with the finite-sum Γ differences of {@link NbMath}, which for small counts avoid
   * the special functions entirely.
   */
  private record Point(double ll, double g0, double g1, double h00, double h01, double h11) {

    static Point at(double[] y, double[] mu, double[] z, double a, double b) {
      double ll = 0;
      double g0 = 0;
      double g1 = 0;
      double h00 = 0;
      double h01 = 0;
      double h11 = 0;
      for (int i = 0; i < y.length; i++) {
        double t = Math.exp(a + b * z[i]);
        double m = mu[i];
        double r = 1 / (m + t);
        double diff = (m - y[i]) * r;
        double lp = NbMath.log1p(m / t);
        ll += NbMath.logGammaRatioScaled(y[i], t) - (t + y[i]) * lp;
        // dℓ/dθ = ψ(y+θ) − ψ(θ) + ln θ + 1 − ln(θ+μ) − (y+θ)/(μ+θ), whose last four terms
        // are −lp + diff; d²ℓ/dθ² = ψ′(y+θ) − ψ′(θ) + 1/θ − 1/(θ+μ) − (μ−y)/(μ+θ)².
        double s = NbMath.digammaDiff(y[i], t) - lp + diff;
        double d2 = -NbMath.trigammaDiff(y[i], t) + r * (m / t - diff);
        double gt = t * s; // derivative in log θ
        double w = t * t * d2 + gt; // second derivative in log θ
        g0 += gt;
        g1 += gt * z[i];
        h00 += w;
        h01 += w * z[i];
        h11 += w * z[i] * z[i];
      }
      return new Point(ll, g0, g1, h00, h01, h11);
    }
  }
}
