package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.PredictiveMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling outbreak detection: every row after the first training span is scored by
 * {@link AnomalyScore} under a one-step forecast fitted on the training span before it, and
 * nothing after it (the alarm for row t uses rows up to t only).
 *
 * <p>The forecast is the forecaster's own model choice on the spec's feature sets without
 * autoregressive terms: a lag term would follow an outbreak up and hide its later weeks, which
 * is why Farrington's and Noufaily's detectors regress on past seasons only. As
 * {@code farringtonFlexible} does, past outbreaks are down-weighted before the forecast: after
 * the choice the model is refitted once with prior weight (c/r)² on every training row whose
 * Pearson residual r exceeds c = {@value #REWEIGHT_THRESHOLD} (Noufaily's
 * {@code weightsThreshold}), so a past outbreak neither raises the baseline nor, through θ,
 * widens the tail that judges the next one.
 */
public final class OutbreakDetector {

  /** Pearson residual above which a training row is down-weighted (Noufaily et al. 2013). */
  static final double REWEIGHT_THRESHOLD = 2.58;

  private final CountEngine engine;
  private final SeriesModelFitter fitter;

  public OutbreakDetector(CountEngine engine) {
    this.engine = engine;
    this.fitter = new SeriesModelFitter(engine);
  }

  /**
   * Scores every row from the end of the first training span (the first row starting at or
   * after {@code start(0) + spec.trainSeconds()}) to the last.
   *
   * @param spec the forecast spec; its horizon is ignored (each row is forecast one step ahead)
   *     and autoregressive features are dropped
   * @param threshold the alarm threshold on the score
   * @throws IllegalArgumentException if no row follows the first training span
   */
  public List<AnomalyScore.Window> run(CountSeries series, ForecastSpec spec, double threshold) {
    AnomalyScore.checkThreshold(threshold);
    if (series.size() == 0) {
      throw new IllegalArgumentException("the series has no observations");
    }
    int first = series.lowerBound(series.start(0) + spec.trainSeconds());
    if (first >= series.size()) {
      throw new IllegalArgumentException("the series is too short to score: it needs "
          + spec.trainSeconds() + " of training and at least one row after it");
    }
    ForecastSpec oneStep = detectionSpec(spec);
    List<AnomalyScore.Window> out = new ArrayList<>(series.size() - first);
    for (int row = first; row < series.size(); row++) {
      CountDistribution forecast = forecast(series, row, oneStep);
      out.add(AnomalyScore.Window.score(row, forecast, series.count(row), threshold));
    }
    return out;
  }

  /** The spec's feature sets without autoregressive terms, one step ahead, without θ(μ). */
  static ForecastSpec detectionSpec(ForecastSpec spec) {
    List<FeatureSpec> sets = new ArrayList<>();
    for (FeatureSpec f : spec.featureSets()) {
      FeatureSpec plain = f.autoregressive()
          ? new FeatureSpec(f.name().replace("+ar", ""), f.seasons(), f.trend(), f.hourOfWeek(),
              false, List.of())
          : f;
      if (sets.stream().noneMatch(s -> s.equals(plain))) {
        sets.add(plain);
      }
    }
    return new ForecastSpec(1, spec.trainSeconds(), sets, spec.families(), spec.criterion(),
        spec.threshold(), spec.minRowsPerParameter(), null, false, spec.predictive());
  }

  /** The forecast of {@code row} from the training span before it, past outbreaks down-weighted. */
  private CountDistribution forecast(CountSeries series, int row, ForecastSpec spec) {
    long origin = series.start(row);
    TrainingWindow training = new TrainingWindow(series, origin, spec.trainSeconds());
    FittedSeriesModel model = fitter.fit(training, spec);
    // A quiet window gets a Gamma-Poisson rate and no regression: nothing to down-weight.
    FittedSeriesModel reweighted = model.tiers().isEmpty() ? null
        : reweight(training, model.tiers().get(0), model.choice(), spec.predictive());
    FittedSeriesModel use = reweighted == null ? model : reweighted;
    double[] scratch = new double[use.maxColumns()];
    return use.predict(engine, training.history(), origin, 1, series.exposureAt(row), scratch);
  }

  /**
   * The chosen model refitted with past outbreaks down-weighted, or null when no training row
   * stands out (or the refit fails, when the unweighted fit is kept).
   */
  private FittedSeriesModel reweight(TrainingWindow training, FittedSeriesModel.Tier tier,
      ModelChoice choice, PredictiveMode mode) {
    FitResult fit = tier.fit();
    Family family = fit.family();
    if (family != Family.POISSON && family != Family.NB2) {
      return null; // prior weights are an IRLS feature; NB1 and ZINB2 keep their fit
    }
    ModelData data = training.data(tier.design(), training.usableRows(List.of(tier.design())));
    double[] mu = SeriesModelFitter.means(data, fit);
    double[] y = data.y();
    double[] w = new double[y.length];
    boolean any = false;
    for (int i = 0; i < y.length; i++) {
      double variance = family == Family.NB2 ? mu[i] + mu[i] * mu[i] / fit.theta() : mu[i];
      double r = (y[i] - mu[i]) / Math.sqrt(variance);
      w[i] = r > REWEIGHT_THRESHOLD ? Math.pow(REWEIGHT_THRESHOLD / r, 2) : 1.0;
      any |= r > REWEIGHT_THRESHOLD;
    }
    if (!any) {
      return null;
    }
    ModelData weighted = new ModelData(y, data.x(), data.offset(), w, data.zeroX());
    FitOptions options = FitOptions.defaults(family);
    if (family == Family.NB2) {
      options = options.withStartBeta(fit.beta());
    }
    try {
      FitResult refit = engine.fit(weighted, options);
      if (!refit.converged()) {
        return null;
      }
      return new FittedSeriesModel(
          List.of(new FittedSeriesModel.Tier(1, tier.design(), refit, null)), choice, mode);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
