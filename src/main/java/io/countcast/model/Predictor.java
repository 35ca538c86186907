package io.countcast.model;

/**
 * Turns a {@link FitResult} into forecasts. For a design row x (and zero-part row z for ZINB2)
 * and an offset: η = x'β + offset, μ = e^η; the mean's interval is the delta method on the log
 * scale, exp(log E ± z_{(1+level)/2}·se) with se² = g'Σg, where g = x for the log-linear
 * families and g = (x, −π·z) for ZINB2 (log E = η + log(1−π)). The predictive distribution is
 * by default the approximate posterior predictive of {@link ParameterUncertainty} (which uses
 * the same se of η and of log θ), or with {@link PredictiveMode#PLUG_IN} the plug-in Poisson(μ),
 * NB(μ, θ), NB(μ, μ/α) or ZI(π, NB(μ, θ)); huge θ falls back to the Poisson limit. The mean
 * reported with its confidence interval is always the estimate μ (R's {@code predict}).
 */
public final class Predictor {

  private final FitResult fit;
  private final double[] beta;
  private final double[] gamma;
  private final double[] covariance;
  private final double z;
  private final PredictiveMode mode;

  /**
   * A predictor with the approximate posterior predictive distribution.
   *
   * @param fit a fitted model
   * @param level confidence level of the mean's interval, e.g. 0.95
   */
  public Predictor(FitResult fit, double level) {
    this(fit, level, PredictiveMode.APPROXIMATE_POSTERIOR);
  }

  /**
   * @param fit a fitted model
   * @param level confidence level of the mean's interval, e.g. 0.95
   * @param mode whether the predictive distribution carries the parameters' uncertainty
   */
  public Predictor(FitResult fit, double level, PredictiveMode mode) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    this.fit = fit;
    this.beta = fit.beta();
    this.gamma = fit.gamma();
    this.covariance = fit.covariance();
    this.z = Inference.zCritical(level);
    this.mode = mode;
  }

  /** Prediction for a count-part row; the zero part (ZINB2) uses its intercept only. */
  public Prediction predict(double[] x, double offset) {
    double[] zeroRow = new double[gamma.length];
    if (zeroRow.length > 0) {
      zeroRow[0] = 1;
    }
    return predict(x, zeroRow, offset);
  }

  /** Prediction for a count-part row x, a zero-part row (ZINB2; ignored otherwise), an offset. */
  public Prediction predict(double[] x, double[] zeroRow, double offset) {
    int p = beta.length;
    int q = gamma.length;
    if (x.length != p) {
      throw new IllegalArgumentException("design row has " + x.length + " values, the model has "
          + p + " coefficients");
    }
    if (fit.family() == Family.ZINB2 && zeroRow.length != q) {
      throw new IllegalArgumentException("zero-part row has " + zeroRow.length
          + " values, the model has " + q + " zero coefficients");
    }
    double eta = offset + dot(beta, x);
    double mu = Math.exp(eta);
    int dim = p + (fit.family() == Family.ZINB2 ? q : 0);
    double[] g = new double[dim];
    System.arraycopy(x, 0, g, 0, p);
    double pi = 0;
    if (fit.family() == Family.ZINB2) {
      pi = NbMath.logistic(dot(gamma, zeroRow));
      for (int j = 0; j < q; j++) {
        g[p + j] = -pi * zeroRow[j];
      }
    }
    double logMeanSe = Math.sqrt(ParameterUncertainty.quadraticForm(g, dim, covariance, p + q));
    double linkSe = dim == p ? logMeanSe
        : Math.sqrt(ParameterUncertainty.quadraticForm(x, p, covariance, p + q));
    double mean = fit.family() == Family.ZINB2 ? (1 - pi) * mu : mu;
    CountDistribution distribution = mode == PredictiveMode.PLUG_IN ? distribution(mu, pi)
        : ParameterUncertainty.predictive(fit.family(), eta, linkSe * linkSe,
            fit.family() == Family.NB1 ? fit.alpha() : fit.theta(),
            ParameterUncertainty.logDispersionSe(fit), pi);
    return new Prediction(mean, mean * Math.exp(-z * logMeanSe), mean * Math.exp(z * logMeanSe),
        eta, linkSe, distribution);
  }

  private CountDistribution distribution(double mu, double pi) {
    return switch (fit.family()) {
      case POISSON -> new PoissonCount(mu);
      case NB2 -> new NegBinomialCount(mu, fit.theta());
      case NB1 -> NegBinomialCount.nb1(mu, fit.alpha());
      case ZINB2 -> new ZeroInflatedCount(pi, new NegBinomialCount(mu, fit.theta()));
    };
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
