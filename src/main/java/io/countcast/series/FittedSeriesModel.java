package io.countcast.series;

import io.countcast.model.Coefficient;
import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.model.FitResult;
import io.countcast.model.ParameterUncertainty;
import io.countcast.model.PredictiveMode;
import java.util.List;

/**
 * A fitted direct multi-step model: one fit per lag tier d (1, 2, 4, 8, … and the horizon H).
 * Step h is forecast by the tier with the smallest d ≥ h, so every autoregressive input of a
 * forecast is an observed window at or before the origin. Feature sets without autoregressive
 * terms have a single tier.
 */
final class FittedSeriesModel {

  /**
   * One fit: it forecasts steps up to {@code lag}, and its design's lag distance is at least
   * {@code lag} (longer when a fallback borrowed a longer-lag model).
   */
  record Tier(int lag, FeatureDesign design, FitResult fit, MeanDependentTheta dispersion) {

    /** The size θ (or α) to use for a window with mean μ. */
    double dispersionAt(double mu) {
      return dispersion != null ? dispersion.theta(mu) : CountEngine.dispersionOf(fit);
    }
  }

  private final List<Tier> tiers;
  private final ModelChoice choice;
  private final PredictiveMode mode;
  private final GammaPoissonRate rate;
  /** Per tier, the covariance of β (row-major p × p), read once rather than per forecast. */
  private final double[][] betaCovariances;

  FittedSeriesModel(List<Tier> tiers, ModelChoice choice, PredictiveMode mode) {
    if (tiers.isEmpty() || tiers.get(0).lag() != 1) {
      throw new IllegalArgumentException("a model needs a lag-1 tier first");
    }
    this.tiers = List.copyOf(tiers);
    this.choice = choice;
    this.mode = mode;
    this.rate = null;
    this.betaCovariances = new double[tiers.size()][];
    for (int t = 0; t < tiers.size(); t++) {
      FitResult fit = tiers.get(t).fit();
      int p = fit.coefficients().size();
      double[] cov = fit.covariance();
      int dim = (int) Math.round(Math.sqrt(cov.length));
      double[] block = new double[p * p];
      for (int i = 0; i < p; i++) {
        System.arraycopy(cov, i * dim, block, i * p, p);
      }
      betaCovariances[t] = block;
    }
  }

  private FittedSeriesModel(GammaPoissonRate rate, ModelChoice choice) {
    this.tiers = List.of();
    this.choice = choice;
    this.mode = PredictiveMode.APPROXIMATE_POSTERIOR;
    this.rate = rate;
    this.betaCovariances = new double[0][];
  }

  /** The model of a window with too few events for a regression. */
  static FittedSeriesModel gammaPoisson(GammaPoissonRate rate, ModelChoice choice) {
    return new FittedSeriesModel(rate, choice);
  }

  /** The chosen model as a forecast reports it (the lag-1 fit for a regression). */
  SeriesForecast.ChosenModel describe() {
    if (rate != null) {
      Coefficient intercept = new Coefficient("(Intercept)", rate.logRate(),
          rate.logRateStdError(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      return new SeriesForecast.ChosenModel(Family.POISSON, choice.features().name(), Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, List.of(intercept), choice.reason(),
          choice.warnings(), ForecastMethod.GAMMA_POISSON);
    }
    FitResult fit = primaryFit();
    return new SeriesForecast.ChosenModel(fit.family(), choice.features().name(), fit.theta(),
        fit.alpha(), fit.aic(), fit.logLik(), fit.coefficients(), choice.reason(),
        choice.warnings(), ForecastMethod.REGRESSION);
  }

  ModelChoice choice() {
    return choice;
  }

  /** The lag-1 fit, which the choice was made on and which is reported. */
  FitResult primaryFit() {
    return tiers.get(0).fit();
  }

  List<Tier> tiers() {
    return tiers;
  }

  /**
   * The predictive distribution of the window {@code step} windows after the origin (step 1
   * starts at the origin).
   *
   * @param history the series up to the origin (its slots must end just before the origin)
   */
  CountDistribution predict(CountEngine engine, SlotHistory history, long origin, int step,
      double exposure, double[] scratch) {
    if (rate != null) {
      return rate.predictive(exposure);
    }
    int t = tierFor(step);
    Tier tier = tiers.get(t);
    FeatureDesign design = tier.design();
    long start = origin + (step - 1) * history.windowSeconds();
    if (!design.fill(history, start, scratch, 0)) {
      throw new IllegalStateException("no observation before the origin to build lag features");
    }
    double[] beta = tier.fit().beta();
    double eta = Math.log(exposure);
    for (int j = 0; j < beta.length; j++) {
      eta += beta[j] * scratch[j];
    }
    FitResult fit = tier.fit();
    double pi = 0;
    if (fit.family() == Family.ZINB2 && fit.gamma().length > 0) {
      pi = 1.0 / (1.0 + Math.exp(-fit.gamma()[0]));
    }
    double mu = Math.exp(eta);
    if (mode == PredictiveMode.PLUG_IN) {
      return engine.distribution(fit.family(), mu, tier.dispersionAt(mu), pi);
    }
    double etaVariance = ParameterUncertainty.quadraticForm(scratch, beta.length,
        betaCovariances[t], beta.length);
    return ParameterUncertainty.predictive(fit.family(), eta, etaVariance, tier.dispersionAt(mu),
        ParameterUncertainty.logDispersionSe(fit), pi);
  }

  private int tierFor(int step) {
    for (int i = 0; i < tiers.size(); i++) {
      Tier t = tiers.get(i);
      if (t.lag() >= step || !t.design().spec().autoregressive()) {
        return i;
      }
    }
    throw new IllegalStateException("no model for step " + step + " (lags fitted: "
        + tiers.stream().map(Tier::lag).toList() + ")");
  }

  /** Widest design, for sizing scratch rows. */
  int maxColumns() {
    return tiers.stream().mapToInt(t -> t.design().columns()).max().orElse(1);
  }
}
