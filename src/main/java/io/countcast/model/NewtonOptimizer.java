package io.countcast.model;

/**
 * Damped Newton minimisation for the non-GLM likelihoods (NB1, ZINB2). Each step solves
 * (H + τI)·s = −g, with τ = 0 when H is positive definite and grown tenfold until it is; a
 * backtracking (Armijo) line search keeps every step downhill. Convergence: the Newton decrement
 * gᵀH⁻¹g falls below {@code tolerance}·(1 + |f|); the step that passed the test is still taken,
 * so the returned point is one quadratic-convergence step beyond it.
 */
final class NewtonOptimizer {

  /** A smooth objective to minimise, with its analytic gradient. */
  interface Objective {
    int dimension();

    /** f(x); fills {@code gradient} with ∇f(x). Returns +∞ or NaN where f is undefined. */
    double evaluate(double[] x, double[] gradient);

    /**
     * ∇²f(x), row-major. Default: {@link #finiteDifferenceHessian}; the NB1 and ZINB2
     * likelihoods, which the optimiser runs on most, override it with the analytic one.
     */
    default double[] hessian(double[] x) {
      return finiteDifferenceHessian(this, x);
    }
  }

  /**
   * Central differences of the analytic gradient, accurate to ~1e-10 relative here: 2k gradient
   * passes per Hessian. The check the analytic Hessians are tested against.
   */
  static double[] finiteDifferenceHessian(Objective f, double[] x) {
    int k = f.dimension();
    double[] h = new double[k * k];
    double[] gPlus = new double[k];
    double[] gMinus = new double[k];
    double[] probe = x.clone();
    for (int j = 0; j < k; j++) {
      double step = 1e-5 * Math.max(1, Math.abs(x[j]));
      probe[j] = x[j] + step;
      f.evaluate(probe, gPlus);
      probe[j] = x[j] - step;
      f.evaluate(probe, gMinus);
      probe[j] = x[j];
      for (int i = 0; i < k; i++) {
        h[i * k + j] = (gPlus[i] - gMinus[i]) / (2 * step);
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double avg = 0.5 * (h[i * k + j] + h[j * k + i]);
        h[i * k + j] = avg;
        h[j * k + i] = avg;
      }
    }
    return h;
  }

  /** Where the optimiser stopped. {@code hessian} is ∇²f at {@code x}. */
  record Result(double[] x, double value, double[] hessian, int iterations, boolean converged,
                String message) {
  }

  private NewtonOptimizer() {
  }

  static Result minimise(Objective f, double[] start, int maxIterations, double tolerance) {
    int k = f.dimension();
    double[] x = start.clone();
    double[] g = new double[k];
    double[] gTrial = new double[k];
    double[] trial = new double[k];
    double value = f.evaluate(x, g);
    if (!Double.isFinite(value)) {
      return new Result(x, value, new double[k * k], 0, false,
          "the likelihood is not finite at the start values");
    }
    for (int iter = 1; iter <= maxIterations; iter++) {
      double[] h = f.hessian(x);
      double[] step = dampedStep(h, g, k);
      double slope = 0;
      for (int i = 0; i < k; i++) {
        slope += g[i] * step[i];
      }
      boolean small = -slope < tolerance * (1 + Math.abs(value));
      double t = 1;
      double trialValue;
      while (true) {
        for (int i = 0; i < k; i++) {
          trial[i] = x[i] + t * step[i];
        }
        trialValue = f.evaluate(trial, gTrial);
        if (Double.isFinite(trialValue) && trialValue <= value + 1e-4 * t * slope) {
          break;
        }
        if (small && Double.isFinite(trialValue)
            && trialValue <= value + 1e-12 * (1 + Math.abs(value))) {
          break; // at the optimum: the remaining change is rounding noise
        }
        t *= 0.5;
        if (t < 1e-12) {
          return finish(f, x, value, iter, small,
              small ? "converged" : "line search failed to improve the likelihood");
        }
      }
      System.arraycopy(trial, 0, x, 0, k);
      System.arraycopy(gTrial, 0, g, 0, k);
      value = trialValue;
      if (small) {
        return finish(f, x, value, iter, true, "converged");
      }
    }
    return finish(f, x, value, maxIterations, false,
        "iteration limit of " + maxIterations + " reached");
  }

  private static Result finish(Objective f, double[] x, double value, int iterations,
                               boolean converged, String message) {
    return new Result(x, value, f.hessian(x), iterations, converged, message);
  }

  /** Solves (H + τI)s = −g with the smallest τ in {0, 1e-8·scale·10^m} that makes H + τI PD. */
  private static double[] dampedStep(double[] h, double[] g, int k) {
    double[] negG = new double[k];
    double scale = 0;
    for (int i = 0; i < k; i++) {
      negG[i] = -g[i];
      scale = Math.max(scale, Math.abs(h[i * k + i]));
    }
    double tau = 0;
    double[] a = h.clone();
    for (int attempt = 0; attempt < 40; attempt++) {
      if (SymmetricSystem.isPositiveDefinite(a, k)) {
        return SymmetricSystem.solve(a, negG, k);
      }
      tau = tau == 0 ? 1e-8 * Math.max(scale, 1) : tau * 10;
      for (int i = 0; i < k; i++) {
        a[i * k + i] = h[i * k + i] + tau;
      }
    }
    // Hopeless curvature: fall back to a short gradient step.
    double norm = 0;
    for (double v : negG) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < k; i++) {
      negG[i] /= Math.max(norm, 1);
    }
    return negG;
  }
}
