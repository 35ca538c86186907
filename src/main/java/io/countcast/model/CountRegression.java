package io.countcast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's entry point: validates the data, fits the family in {@link FitOptions} and
 * returns a {@link FitResult}.
 *
 * <p>Families and how they are fitted (details in each fitter):
 * <ul>
 *   <li>{@code poisson}: IRLS exactly as R's {@code glm.fit} (start μ = y + 0.1, relative
 *       deviance change &lt; {@code tolerance}, at most {@code maxIterations} steps);</li>
 *   <li>{@code nb2}: the {@code MASS::glm.nb} alternation of IRLS at fixed θ and
 *       {@code theta.ml};</li>
 *   <li>{@code nb1}, {@code zinb2}: full maximum likelihood by damped Newton with analytic
 *       gradients, converged when the Newton decrement is below 1e-12·(1+|ℓ|).</li>
 * </ul>
 * All use a log link for the mean, the offset, prior weights (rows of weight 0 are dropped),
 * and the optional ridge penalty λ·Σβ²/2 on every coefficient except the intercept.
 *
 * <p>Refused with a {@link ModelException}: empty data, all-zero counts, negative, non-integer,
 * NaN or infinite counts, non-finite design/offset/weight values, negative weights, fewer rows
 * than coefficients, and designs with an aliased (collinear or all-zero) column, named in the
 * message. A fit never reports {@code converged = true} with a NaN in any statistic it computes:
 * if that happens the result is marked not converged with a warning saying why.
 */
public final class CountRegression {

  private CountRegression() {
  }

  public static FitResult fit(ModelData data, FitOptions options) {
    Family family = options.family();
    FitInput in = FitInput.of(data, options.ridge(), family == Family.ZINB2);
    FitResult result = switch (family) {
      case POISSON -> PoissonFitter.fit(in, options);
      case NB2 -> Nb2Fitter.fit(in, options);
      case NB1 -> Nb1Fitter.fit(in, options);
      case ZINB2 -> Zinb2Fitter.fit(in, options);
    };
    return refuseSilentNaN(result);
  }

  /** Marks a result with a NaN where a number is expected as not converged, with the reason. */
  private static FitResult refuseSilentNaN(FitResult r) {
    String field = firstNaN(r);
    if (field == null || !r.converged()) {
      return r;
    }
    List<String> warnings = new ArrayList<>(r.warnings());
    warnings.add("numerical failure: " + field + " is NaN; the fit is not usable");
    return new FitResult(r.family(), r.n(), r.coefficients(), r.zeroCoefficients(), r.theta(),
        r.thetaStdError(), r.alpha(), r.alphaStdError(), r.logLik(), r.aic(), r.bic(),
        r.deviance(), r.pearsonChi2(), r.dfResidual(), r.covariance(), r.iterations(), false,
        warnings);
  }

  /** The first statistic this family defines that is NaN, or null if there is none. */
  static String firstNaN(FitResult r) {
    List<Coefficient> all = new ArrayList<>(r.coefficients());
    all.addAll(r.zeroCoefficients());
    for (Coefficient c : all) {
      if (Double.isNaN(c.estimate()) || Double.isNaN(c.stdError()) || Double.isNaN(c.pValue())) {
        return "coefficient '" + c.term() + "'";
      }
    }
    Family f = r.family();
    boolean hasTheta = f == Family.NB2 || f == Family.ZINB2;
    if (hasTheta && (Double.isNaN(r.theta()) || Double.isNaN(r.thetaStdError()))) {
      return "theta";
    }
    if (f == Family.NB1 && (Double.isNaN(r.alpha()) || Double.isNaN(r.alphaStdError()))) {
      return "alpha";
    }
    boolean hasDeviance = f == Family.POISSON || f == Family.NB2;
    if (Double.isNaN(r.logLik()) || Double.isNaN(r.aic()) || Double.isNaN(r.bic())
        || Double.isNaN(r.pearsonChi2()) || (hasDeviance && Double.isNaN(r.deviance()))) {
      return "a goodness-of-fit statistic";
    }
    for (double v : r.covariance()) {
      if (Double.isNaN(v)) {
        return "the covariance matrix";
      }
    }
    return null;
  }
}
