package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.model.FitResult;
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

  FittedSeriesModel(List<Tier> tiers, ModelChoice choice) {
    if (tiers.isEmpty() || tiers.get(0).lag() != 1) {
      throw new IllegalArgumentException("a model needs a lag-1 tier first");
    }
    this.tiers = List.copyOf(tiers);
    this.choice = choice;
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
    Tier tier = tierFor(step);
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
    return engine.distribution(fit.family(), mu, tier.dispersionAt(mu), pi);
  }

  private Tier tierFor(int step) {
    for (Tier t : tiers) {
      if (t.lag() >= step || !t.design().spec().autoregressive()) {
        return t;
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
