package io.countcast.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Zero-inflated NB2: P(0) = π + (1−π)(θ/(θ+μ))^θ, P(y&gt;0) = (1−π)·NB2(y; μ, θ), log μ = Xβ +
 * offset, logit π = Zγ. Full maximum likelihood over (β, γ, log θ) by {@link NewtonOptimizer}
 * with analytic gradients. Start values as {@code pscl::zeroinfl}: β from the Poisson fit, γ from
 * a logistic regression of 1{y = 0} on Z, θ = 1. Converged when the Newton decrement is below
 * 1e-12·(1+|ℓ|) — far tighter than pscl's BFGS reltol. SEs from the inverse observed Hessian,
 * SE(θ) = θ·SE(log θ); {@link FitResult#logThetaStdError()} gives the SE pscl prints.
 */
final class Zinb2Fitter {

  /** θ above this is indistinguishable from Poisson counts. */
  private static final double THETA_HUGE = 1e6;
  /** Mean π below this: the zero part explains nothing. */
  private static final double NO_INFLATION = 1e-6;

  private Zinb2Fitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    int p = in.p;
    int q = in.q;
    int k = p + q + 1;
    double[] start = options.startBeta() != null ? given(options.startBeta(), k)
        : psclStart(in, options);
    Objective objective = new Objective(in);
    NewtonOptimizer.Result r = NewtonOptimizer.minimise(objective, start,
        Math.max(options.maxIterations(), 200), Nb1Fitter.NEWTON_TOLERANCE);
    double theta = Math.exp(r.x()[k - 1]);
    double logLik = objective.logLik(r.x());
    List<String> warnings = new ArrayList<>();
    double[] cov = Inference.covarianceOrNaN(r.hessian(), k, warnings);
    boolean converged = r.converged() && warnings.isEmpty();
    double thetaSe = theta * Math.sqrt(cov[k * k - 1]);
    if (!r.converged()) {
      warnings.add("ZINB2 maximum likelihood did not converge: " + r.message());
    }
    if (theta > THETA_HUGE) {
      warnings.add(String.format(Locale.ROOT, "no overdispersion in the count part: theta"
          + " diverged to %.2g; a zero-inflated Poisson would do", theta));
    }
    double[] mu = new double[in.n];
    double[] pi = new double[in.n];
    objective.meansAndZeroProbabilities(r.x(), mu, pi);
    if (Arrays.stream(pi).average().orElse(0) < NO_INFLATION) {
      warnings.add("no zero inflation: the zero-inflation probability is numerically 0;"
          + " plain NB2 is the better model");
    }
    Inference.addIfPresent(warnings, Inference.tinyMeansWarning(in, mu));
    double pearson = 0;
    for (int i = 0; i < in.n; i++) {
      double m = mu[i];
      double mean = (1 - pi[i]) * m;
      double var = mean * (1 + m * (pi[i] + 1 / theta));
      double res = in.y[i] - mean;
      pearson += in.weights[i] * res * res / var;
    }
    double level = options.confidenceLevel();
    return new FitResult(Family.ZINB2, in.n,
        Inference.coefficients(in.names, r.x(), 0, cov, k, level),
        Inference.coefficients(in.zeroNames, r.x(), p, cov, k, level), theta, thetaSe,
        Double.NaN, Double.NaN, logLik, Inference.aic(logLik, k), Inference.bic(logLik, k, in.n),
        Double.NaN, pearson, in.n - k, Inference.leadingBlock(cov, k, p + q), r.iterations(),
        converged, warnings);
  }

  /** pscl's start: β from the Poisson fit, γ from a logistic fit of the zeros, θ = 1. */
  private static double[] psclStart(FitInput in, FitOptions options) {
    int p = in.p;
    int q = in.q;
    Irls.Result poisson = new Irls(in, options.maxIterations(), options.tolerance())
        .fitFromCounts(Double.POSITIVE_INFINITY);
    double[] start = new double[p + q + 1];
    System.arraycopy(poisson.beta(), 0, start, 0, p);
    System.arraycopy(LogisticStart.fit(in), 0, start, p, q);
    start[p + q] = 0; // θ = 1
    return start;
  }

  /** A given start (β, γ, log θ), checked against the design. */
  private static double[] given(double[] start, int k) {
    if (start.length != k) {
      throw new IllegalArgumentException("startBeta has " + start.length + " values but zinb2"
          + " needs " + k + " (the count and zero coefficients, then log theta)");
    }
    return start.clone();
  }

  /** −ℓ(β, γ, log θ) + ridge, with gradient and Hessian. */
  static final class Objective implements NewtonOptimizer.Objective {
    private final FitInput in;
    private final double[] digammaSums = new double[2];

    Objective(FitInput in) {
      this.in = in;
    }

    @Override
    public int dimension() {
      return in.p + in.q + 1;
    }

    void meansAndZeroProbabilities(double[] par, double[] mu, double[] pi) {
      for (int i = 0; i < in.n; i++) {
        mu[i] = Math.exp(in.eta(par, i));
        pi[i] = NbMath.logistic(in.zeta(par, in.p, i));
      }
    }

    double logLik(double[] par) {
      return -evaluate(par, new double[dimension()]) - in.ridge(par, true);
    }

    @Override
    public double evaluate(double[] par, double[] grad) {
      int p = in.p;
      int q = in.q;
      int kappa = p + q;
      Arrays.fill(grad, 0);
      double theta = Math.exp(par[kappa]);
      if (!(theta > 0) || Double.isInfinite(theta)) {
        return Double.POSITIVE_INFINITY;
      }
      double ll = 0;
      double gKappa = 0;
      for (int i = 0; i < in.n; i++) {
        double y = in.y[i];
        double w = in.weights[i];
        double eta = in.eta(par, i);
        double zeta = in.zeta(par, in.p, i);
        double mu = Math.exp(eta);
        double l1 = Math.log1p(mu / theta);
        double mt = mu + theta;
        double logPi = -NbMath.log1pExp(-zeta);
        double log1mPi = -NbMath.log1pExp(zeta);
        double pi = Math.exp(logPi);
        double gEta;
        double gZeta;
        if (y == 0) {
          double logF0 = -theta * l1;
          double a = log1mPi + logF0;
          double lp = Math.max(logPi, a) + Math.log1p(Math.exp(-Math.abs(logPi - a)));
          double shareInflated = Math.exp(logPi - lp);
          double shareCount = Math.exp(a - lp);
          ll += w * lp;
          gZeta = (1 - pi) * shareInflated - pi * shareCount;
          gEta = -shareCount * mu * theta / mt;
          gKappa += w * shareCount * theta * (mu / mt - l1);
        } else {
          ll += w * (log1mPi + y * eta - (theta + y) * l1);
          gZeta = -pi;
          gEta = theta * (y - mu) / mt;
          gKappa += w * theta * ((mu - y) / mt - l1);
        }
        int bx = i * p;
        for (int j = 0; j < p; j++) {
          grad[j] -= w * gEta * in.x[bx + j];
        }
        int bz = i * q;
        for (int j = 0; j < q; j++) {
          grad[p + j] -= w * gZeta * in.z[bz + j];
        }
      }
      // θ-only terms of the positive counts, summed over distinct values.
      in.table().digammaSums(theta, digammaSums);
      gKappa += theta * digammaSums[0];
      ll += in.table().logGammaRatioSum(theta) - in.logFactorialSum();
      grad[kappa] = -gKappa;
      in.addRidgeGradient(par, grad, true);
      double value = -ll + in.ridge(par, true);
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    /**
     * The analytic Hessian, in one pass over the rows. A positive count's row is NB2 in (η, κ)
     * plus log(1−π) in ζ. A zero's row is log(e^b + e^a), b = log π, a = log(1−π) + log f₀, whose
     * second derivatives are the share-weighted second derivatives of a and b plus
     * s(1−s)·(∇a − ∇b)(∇a − ∇b)ᵀ, s the count part's share of P(0).
     */
    @Override
    public double[] hessian(double[] par) {
      int kappa = in.p + in.q;
      double theta = Math.exp(par[kappa]);
      LikelihoodHessian h = new LikelihoodHessian(in, true);
      for (int i = 0; i < in.n; i++) {
        double y = in.y[i];
        double w = in.weights[i];
        double mu = Math.exp(in.eta(par, i));
        double zeta = in.zeta(par, in.p, i);
        double l1 = Math.log1p(mu / theta);
        double mt = mu + theta;
        double logPi = -NbMath.log1pExp(-zeta);
        double log1mPi = -NbMath.log1pExp(zeta);
        double pi = Math.exp(logPi);
        double piVar = pi * (1 - pi);
        if (y == 0) {
          // log f₀ = −θ·log1p(μ/θ) and its derivatives in η and κ = log θ
          double aE = -theta * mu / mt;
          double aK = theta * (mu / mt - l1);
          double aEE = -theta * theta * mu / (mt * mt);
          double aEK = -theta * mu * mu / (mt * mt);
          double aKK = theta * (mu * (theta + 2 * mu) / (mt * mt) - l1);
          double a = log1mPi - theta * l1;
          double lp = Math.max(logPi, a) + Math.log1p(Math.exp(-Math.abs(logPi - a)));
          double s = Math.exp(a - lp);
          double mix = s * (1 - s);
          h.setRow(i, w * (s * aEE + mix * aE * aE), -w * mix * aE, w * (mix - piVar),
              w * (s * aEK + mix * aE * aK), -w * mix * aK, w * (s * aKK + mix * aK * aK));
        } else {
          double mt2 = mt * mt;
          double ee = -theta * mu * (theta + y) / mt2;
          double ek = theta * mu * (y - mu) / mt2;
          double kk = theta * ((mu - y) * mu / mt2 - l1 + mu / mt);
          h.setRow(i, w * ee, 0, -w * piVar, w * ek, 0, w * kk);
        }
      }
      // θ-only terms of the positive counts: d²/dκ² of Σ ln Γ(y+θ) − ln Γ(θ) − y ln θ, less
      // the −y ln θ part already in the rows.
      in.table().digammaSums(theta, digammaSums);
      return h.negatedWithRidge(theta * digammaSums[0] - theta * theta * digammaSums[1]);
    }
  }

  /** Logistic regression of 1{y = 0} on the zero design, for start values. */
  private static final class LogisticStart implements NewtonOptimizer.Objective {
    private final FitInput in;

    private LogisticStart(FitInput in) {
      this.in = in;
    }

    static double[] fit(FitInput in) {
      return NewtonOptimizer.minimise(new LogisticStart(in), new double[in.q], 50, 1e-10).x();
    }

    @Override
    public int dimension() {
      return in.q;
    }

    @Override
    public double evaluate(double[] gamma, double[] grad) {
      Arrays.fill(grad, 0);
      double nll = 0;
      for (int i = 0; i < in.n; i++) {
        double zeta = in.zeta(gamma, 0, i);
        double zero = in.y[i] == 0 ? 1 : 0;
        double w = in.weights[i];
        nll += w * (NbMath.log1pExp(zeta) - zero * zeta);
        double r = w * (NbMath.logistic(zeta) - zero);
        int base = i * in.q;
        for (int j = 0; j < in.q; j++) {
          grad[j] += r * in.z[base + j];
        }
      }
      return nll;
    }
  }
}
