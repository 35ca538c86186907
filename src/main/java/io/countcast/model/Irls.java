package io.countcast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Iteratively reweighted least squares for a log-link count GLM with variance μ + μ²/θ
 * (θ = +∞ gives Poisson), reproducing R's {@code glm.fit} step for step so that the iteration at
 * which it stops, and hence the numbers, match R:
 * <ul>
 *   <li>start from a given μ (Poisson: {@code mustart = y + 0.1}, η = log μ without offset) or a
 *       given η (NB2 refits warm-start from the previous η);</li>
 *   <li>each step solves (X'WX + Λ)β = X'Wz with W = w·μ/(1 + μ/θ), z = η − offset + (y−μ)/μ,
 *       where Λ is the optional ridge penalty;</li>
 *   <li>stop when |dev − dev_old| / (|dev| + 0.1) &lt; ε; halve the step while the deviance is
 *       not finite or μ leaves (0, ∞);</li>
 *   <li>the information returned is X'WX of the final solve, the matrix R's {@code summary.glm}
 *       inverts for standard errors.</li>
 * </ul>
 */
final class Irls {

  private final FitInput in;
  private final int maxIterations;
  private final double epsilon;
  private final double[] workWeight;
  private final double[] workResponse;
  private final double[] xtwx;
  private final double[] xtwz;

  Irls(FitInput in, int maxIterations, double epsilon) {
    this.in = in;
    this.maxIterations = maxIterations;
    this.epsilon = epsilon;
    this.workWeight = new double[in.n];
    this.workResponse = new double[in.n];
    this.xtwx = new double[in.p * in.p];
    this.xtwz = new double[in.p];
  }

  /** Outcome of one IRLS run; arrays are owned by the result. */
  record Result(double[] beta, double[] information, double[] eta, double[] mu, double deviance,
                int iterations, boolean converged, List<String> warnings) {
  }

  /** Poisson-style start: μ = y + 0.1, η = log μ (no offset, as glm.fit does). */
  Result fitFromCounts(double theta) {
    double[] mu = new double[in.n];
    double[] eta = new double[in.n];
    for (int i = 0; i < in.n; i++) {
      mu[i] = in.y[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
    return run(theta, eta, mu);
  }

  /** Warm start from a linear predictor (which includes the offset). */
  Result fitFromEta(double theta, double[] etaStart) {
    double[] eta = etaStart.clone();
    double[] mu = new double[in.n];
    for (int i = 0; i < in.n; i++) {
      mu[i] = Math.exp(eta[i]);
    }
    return run(theta, eta, mu);
  }

  private Result run(double theta, double[] eta, double[] mu) {
    int p = in.p;
    List<String> warnings = new ArrayList<>();
    double devOld = deviance(theta, eta, mu);
    double[] beta = new double[p];
    double[] betaOld = null;
    boolean converged = false;
    int iter = 0;
    while (iter < maxIterations) {
      iter++;
      accumulate(theta, eta, mu);
      double[] next = SymmetricSystem.solve(xtwx, xtwz, p);
      if (!allFinite(next)) {
        warnings.add("non-finite coefficients at IRLS iteration " + iter);
        break;
      }
      beta = next;
      linearPredictor(beta, eta, mu);
      double dev = deviance(theta, eta, mu);
      if (!Double.isFinite(dev) || !validMean(mu)) {
        if (betaOld == null) {
          throw new ModelException("the fit diverged at its first step: no valid set of"
              + " coefficients was found (counts may be too extreme for this design)");
        }
        warnings.add("IRLS step size truncated: the fit was diverging");
        for (int halvings = 0; !Double.isFinite(dev) || !validMean(mu); halvings++) {
          if (halvings >= maxIterations) {
            throw new ModelException("the fit diverged and step halving could not recover it");
          }
          for (int j = 0; j < p; j++) {
            beta[j] = 0.5 * (beta[j] + betaOld[j]);
          }
          linearPredictor(beta, eta, mu);
          dev = deviance(theta, eta, mu);
        }
      }
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
        converged = true;
        devOld = dev;
        break;
      }
      devOld = dev;
      betaOld = beta.clone();
    }
    if (!converged) {
      warnings.add("IRLS did not converge in " + maxIterations + " iterations");
    }
    return new Result(beta, xtwx.clone(), eta, mu, devOld, iter, converged, warnings);
  }

  /** X'WX + Λ and X'Wz at the current means, W = w·μ/(1 + μ/θ), z = η − offset + (y−μ)/μ. */
  private void accumulate(double theta, double[] eta, double[] mu) {
    for (int i = 0; i < in.n; i++) {
      double m = mu[i];
      workWeight[i] = in.weights[i] * m / (1 + m / theta);
      workResponse[i] = eta[i] - in.offset[i] + (in.y[i] - m) / m;
    }
    WeightedGram.accumulate(in.x, in.n, in.p, workWeight, workResponse, xtwx, xtwz);
    for (int j = 0; j < in.p; j++) {
      xtwx[j * in.p + j] += in.penalty[j];
    }
  }

  private void linearPredictor(double[] beta, double[] eta, double[] mu) {
    int p = in.p;
    double[] x = in.x;
    for (int i = 0; i < in.n; i++) {
      double e = in.offset[i];
      int base = i * p;
      for (int j = 0; j < p; j++) {
        e += x[base + j] * beta[j];
      }
      eta[i] = e;
      mu[i] = Math.exp(e);
    }
  }

  /**
   * Σ of R's deviance residuals for poisson (θ = ∞) or negative.binomial(θ), with y·ln(y/μ)
   * written as y ln y − y·η so the hot loop needs no logarithm for Poisson and one for NB.
   */
  double deviance(double theta, double[] eta, double[] mu) {
    double dev = 0;
    boolean poisson = Double.isInfinite(theta);
    double[] yLogY = in.yLogY();
    for (int i = 0; i < in.n; i++) {
      double y = in.y[i];
      double m = mu[i];
      double d = yLogY[i] - y * eta[i];
      if (poisson) {
        d -= y - m;
      } else {
        d -= (y + theta) * Math.log1p((y - m) / (m + theta));
      }
      dev += 2 * in.weights[i] * d;
    }
    return dev;
  }

  private static boolean validMean(double[] mu) {
    for (double m : mu) {
      if (!(m > 0) || Double.isInfinite(m)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }
}
