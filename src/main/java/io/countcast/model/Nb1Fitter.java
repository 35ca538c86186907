package io.countcast.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NB1 regression (Var = μ(1+α), NB size μ/α), which is not a GLM because μ enters the Γ terms:
 * full maximum likelihood over (β, log α) by {@link NewtonOptimizer} with the analytic gradient.
 * Start: β from the Poisson fit, α from the moment estimate Σw(y−μ)²/μ / (n−p) − 1 (at least
 * 0.05). Converged when the Newton decrement is below 1e-12·(1+|ℓ|). SEs from the inverse
 * observed Hessian, SE(α) = α·SE(log α) by the delta method; this is what glmmTMB's
 * {@code nbinom1} reports (its {@code sigma()} is α).
 */
final class Nb1Fitter {

  static final double NEWTON_TOLERANCE = 1e-12;
  /** α below this is indistinguishable from Poisson. */
  private static final double NO_OVERDISPERSION = 1e-6;

  private Nb1Fitter() {
  }

  static FitResult fit(FitInput in, FitOptions options) {
    Irls.Result poisson = new Irls(in, options.maxIterations(), options.tolerance())
        .fitFromCounts(Double.POSITIVE_INFINITY);
    double pearson = Inference.pearsonChi2(in, poisson.mu(), Double.POSITIVE_INFINITY);
    double alpha0 = Math.max(0.05, pearson / Math.max(1, in.n - in.p) - 1);
    double[] start = new double[in.p + 1];
    System.arraycopy(poisson.beta(), 0, start, 0, in.p);
    start[in.p] = Math.log(alpha0);
    Objective objective = new Objective(in);
    NewtonOptimizer.Result r = NewtonOptimizer.minimise(objective, start,
        Math.max(options.maxIterations(), 100), NEWTON_TOLERANCE);
    int k = in.p + 1;
    double alpha = Math.exp(r.x()[in.p]);
    double[] mu = objective.means(r.x());
    double logLik = objective.logLik(r.x());
    List<String> warnings = new ArrayList<>();
    double[] cov = Inference.covarianceOrNaN(r.hessian(), k, warnings);
    boolean converged = r.converged() && warnings.isEmpty();
    double alphaSe = alpha * Math.sqrt(cov[k * k - 1]);
    if (!r.converged()) {
      warnings.add("NB1 maximum likelihood did not converge: " + r.message());
    }
    if (alpha < NO_OVERDISPERSION) {
      warnings.add(String.format(Locale.ROOT, "no overdispersion: alpha shrank to %.2g;"
          + " Poisson is the better model", alpha));
    }
    Inference.addIfPresent(warnings, Inference.tinyMeansWarning(in, mu));
    double pearsonNb1 = 0;
    for (int i = 0; i < in.n; i++) {
      double res = in.y[i] - mu[i];
      pearsonNb1 += in.weights[i] * res * res / (mu[i] * (1 + alpha));
    }
    return new FitResult(Family.NB1, in.n,
        Inference.coefficients(in.names, r.x(), 0, cov, k, options.confidenceLevel()),
        List.of(), Double.NaN, Double.NaN, alpha, alphaSe, logLik, Inference.aic(logLik, k),
        Inference.bic(logLik, k, in.n), Double.NaN, pearsonNb1, in.n - k,
        Inference.leadingBlock(cov, k, in.p), r.iterations(), converged, warnings);
  }

  /** −ℓ(β, log α) + ½ Σ λ β², with gradient and Hessian. */
  static final class Objective implements NewtonOptimizer.Objective {
    private final FitInput in;

    Objective(FitInput in) {
      this.in = in;
    }

    @Override
    public int dimension() {
      return in.p + 1;
    }

    double[] means(double[] par) {
      double[] mu = new double[in.n];
      for (int i = 0; i < in.n; i++) {
        mu[i] = Math.exp(in.eta(par, i));
      }
      return mu;
    }

    /** The unpenalised log-likelihood. */
    double logLik(double[] par) {
      return -evaluate(par, new double[dimension()]) - in.ridge(par, false);
    }

    @Override
    public double evaluate(double[] par, double[] grad) {
      int p = in.p;
      java.util.Arrays.fill(grad, 0);
      double alpha = Math.exp(par[p]);
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        return Double.POSITIVE_INFINITY;
      }
      double l1a = Math.log1p(alpha);
      double u = alpha / (1 + alpha);
      double ll = 0;
      double gTau = 0;
      for (int i = 0; i < in.n; i++) {
        double y = in.y[i];
        double w = in.weights[i];
        double eta = in.eta(par, i);
        double mu = Math.exp(eta);
        double s = mu / alpha;
        // ℓ = [lnΓ(y+s) − lnΓ(s) − y ln s] − ln y! + y ln μ − (s+y)·log1p(α)
        ll += w * (NbMath.logGammaRatioScaled(y, s) + y * eta - (s + y) * l1a);
        double d = NbMath.digammaDiff(y, s) - l1a;
        double gEta = w * s * d;
        gTau += w * (-s * d - s * u + y / (1 + alpha));
        int base = i * p;
        for (int j = 0; j < p; j++) {
          grad[j] -= gEta * in.x[base + j];
        }
      }
      grad[p] = -gTau;
      in.addRidgeGradient(par, grad, false);
      double value = -(ll - in.logFactorialSum()) + in.ridge(par, false);
      return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    /**
     * The analytic Hessian in one pass. With s = μ/α, d = ψ(y+s) − ψ(s) − log1p(α),
     * T = ψ′(s) − ψ′(y+s), u = α/(1+α) and τ = log α (∂s/∂η = s, ∂s/∂τ = −s):
     * ℓ_ηη = s·d − s²T, ℓ_ητ = −s·d + s²T − s·u, ℓ_ττ = s·d − s²T + 2s·u − (s+y)·u(1−u).
     */
    @Override
    public double[] hessian(double[] par) {
      double alpha = Math.exp(par[in.p]);
      double l1a = Math.log1p(alpha);
      double u = alpha / (1 + alpha);
      double uu = u * (1 - u);
      LikelihoodHessian h = new LikelihoodHessian(in, false);
      for (int i = 0; i < in.n; i++) {
        double y = in.y[i];
        double w = in.weights[i];
        double s = Math.exp(in.eta(par, i)) / alpha;
        double sd = s * (NbMath.digammaDiff(y, s) - l1a);
        double s2t = s * s * NbMath.trigammaDiff(y, s);
        h.setRow(i, w * (sd - s2t), 0, 0, w * (-sd + s2t - s * u), 0,
            w * (sd - s2t + 2 * s * u - (s + y) * uu));
      }
      return h.negatedWithRidge(0);
    }
  }
}
