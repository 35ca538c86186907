package io.countcast.model;

import java.util.Arrays;

/**
 * −ℓ(β, log θ) + ½ Σ λ β² of NB2, with analytic gradient and Hessian, for the joint Newton fit of
 * a warm-started NB2 ({@link Nb2Fitter}): near the optimum, where glm.nb's θ/β alternation
 * converges only linearly (20–25 alternations from a neighbouring fit), Newton on both at once
 * converges quadratically. Row i's terms, with κ = log θ and m = μ + θ:
 * ℓ_i = yη − (θ+y)·log1p(μ/θ); ℓ_η = θ(y−μ)/m; ℓ_κ = θ((μ−y)/m − log1p(μ/θ));
 * ℓ_ηη = −θμ(θ+y)/m²; ℓ_ηκ = θμ(y−μ)/m²; ℓ_κκ = θ((μ−y)μ/m² − log1p(μ/θ) + μ/m); the θ-only
 * terms Σ ln Γ(y+θ) − ln Γ(θ) − y ln θ are summed over distinct counts ({@link CountTable}).
 */
final class Nb2Likelihood implements NewtonOptimizer.Objective {

  private final FitInput in;
  private final double[] digammaSums = new double[2];

  Nb2Likelihood(FitInput in) {
    this.in = in;
  }

  @Override
  public int dimension() {
    return in.p + 1;
  }

  @Override
  public double evaluate(double[] par, double[] grad) {
    int p = in.p;
    Arrays.fill(grad, 0);
    double theta = Math.exp(par[p]);
    if (!(theta > 0) || Double.isInfinite(theta)) {
      return Double.POSITIVE_INFINITY;
    }
    double ll = 0;
    double gKappa = 0;
    for (int i = 0; i < in.n; i++) {
      double y = in.y[i];
      double w = in.weights[i];
      double eta = in.eta(par, i);
      double mu = Math.exp(eta);
      double l1 = NbMath.log1p(mu / theta);
      double mt = mu + theta;
      ll += w * (y * eta - (theta + y) * l1);
      gKappa += w * theta * ((mu - y) / mt - l1);
      double gEta = w * theta * (y - mu) / mt;
      int base = i * p;
      for (int j = 0; j < p; j++) {
        grad[j] -= gEta * in.x[base + j];
      }
    }
    in.table().digammaSums(theta, digammaSums);
    gKappa += theta * digammaSums[0];
    ll += in.table().logGammaRatioSum(theta) - in.logFactorialSum();
    grad[p] = -gKappa;
    in.addRidgeGradient(par, grad, false);
    double value = -ll + in.ridge(par, false);
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
  }

  @Override
  public double[] hessian(double[] par) {
    double theta = Math.exp(par[in.p]);
    LikelihoodHessian h = new LikelihoodHessian(in, false);
    for (int i = 0; i < in.n; i++) {
      double y = in.y[i];
      double w = in.weights[i];
      double mu = Math.exp(in.eta(par, i));
      double mt = mu + theta;
      double mt2 = mt * mt;
      double l1 = NbMath.log1p(mu / theta);
      double wt = w * theta;
      h.setRow(i, -wt * mu * (theta + y) / mt2, 0, 0, wt * mu * (y - mu) / mt2, 0,
          wt * ((mu - y) * mu / mt2 - l1 + mu / mt));
    }
    in.table().digammaSums(theta, digammaSums);
    return h.negatedWithRidge(theta * digammaSums[0] - theta * theta * digammaSums[1]);
  }
}
