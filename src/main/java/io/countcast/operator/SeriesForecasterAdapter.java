package io.countcast.operator;

import io.countcast.api.BacktestStatus;
import io.countcast.api.CoefficientStatus;
import io.countcast.api.FamilyChoice;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.api.SpecLimits;
import io.countcast.model.Coefficient;
import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.series.Backtest;
import io.countcast.series.BacktestReport;
import io.countcast.series.BacktestSpec;
import io.countcast.series.CountEngine;
import io.countcast.series.CountSeries;
import io.countcast.series.Criterion;
import io.countcast.series.PredictiveHorizon;
import io.countcast.series.FeatureSpec;
import io.countcast.series.ForecastSpec;
import io.countcast.series.Seasonality;
import io.countcast.series.SeriesForecast;
import io.countcast.series.SeriesForecaster;
import io.countcast.signal.SeriesArrays;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Forecaster} on the series layer's {@link SeriesForecaster}: turns the stored windows
 * into a {@link CountSeries} with pod-seconds as exposure, the spec into a {@link ForecastSpec},
 * and the result into status shapes.
 *
 * <p>Mapping choices:
 * <ul>
 *   <li>Windows with zero exposure (no pod was observed at risk, e.g. the very first window,
 *       which starts at the first observation) are left out as gaps, not zeros.</li>
 *   <li>Future windows get the exposure of the last window: the pods running now are the best
 *       guess for the pods running over the horizon.</li>
 *   <li>{@code family: auto} chooses by AIC among poisson, nb2 and zinb2, as the spec says; a
 *       named family is fitted as requested.</li>
 *   <li>The features are the spec's seasonal cycles (with harmonics that fit the window) and
 *       trend, with and without the autoregressive burst terms, chosen by AIC.</li>
 *   <li>The backtest is rolling-origin on the newest quarter of the history (training on the
 *       three quarters before each origin), at most {@value #MAX_BACKTEST_FOLDS} folds so a
 *       training stays cheap; the baseline is seasonal naive over the shortest configured
 *       cycle, or the last window without one. It is absent while the history is too short
 *       for one fold.</li>
 * </ul>
 */
public final class SeriesForecasterAdapter implements Forecaster {

  /** Families {@code auto} chooses among. */
  static final List<Family> AUTO_FAMILIES = List.of(Family.POISSON, Family.NB2, Family.ZINB2);
  /** Training rows required per estimated parameter before a candidate is fitted. */
  private static final int MIN_ROWS_PER_PARAMETER = 10;
  /**
   * A recent-level feature may average at most this share of the history: the series layer
   * fits every candidate on the rows usable by all of them, and a level's first windows are not
   * usable, so a 12-window level on a 16-window history would leave 3 training rows.
   */
  private static final int LEVEL_SHARE_DIVISOR = 4;

  /** Most backtest folds per training. */
  static final int MAX_BACKTEST_FOLDS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(SeriesForecasterAdapter.class);

  private final SeriesForecaster forecaster;
  private final Backtest backtest;

  public SeriesForecasterAdapter(CountEngine engine) {
    this.forecaster = new SeriesForecaster(engine);
    this.backtest = new Backtest(engine);
  }

  @Override
  public TrainedForecast train(SeriesArrays history, ForecastPlan plan) {
    CountSeries series = toSeries(history, plan.windows().windowSeconds());
    if (series.size() == 0) {
      throw new IllegalArgumentException("no window with pods at risk to fit on");
    }
    ForecastSpec spec = spec(series, plan);
    SeriesForecast forecast = forecaster.forecast(series, spec);
    boolean surge = plan.surge() != null;
    List<ForecastWindow> windows = new ArrayList<>(forecast.windows().size());
    List<CountDistribution> predictive = new ArrayList<>(forecast.windows().size());
    for (SeriesForecast.WindowForecast w : forecast.windows()) {
      windows.add(window(w, surge));
      predictive.add(w.distribution());
    }
    // The forecast's own exposure of each window: for an SLO, the requests it expects.
    double[] exposure = spec.futureExposure();
    return new TrainedForecast(model(forecast.model()), windows,
        surge ? probability(forecast.surgeProbability()) : null, backtest(series, spec, plan),
        series.size(), new PredictiveHorizon(forecast.windows().get(0).start(),
            plan.windows().windowSeconds(), predictive, exposure));
  }

  /** Backtest scores, or null when the history is too short for a fold or it fails. */
  private BacktestStatus backtest(CountSeries series, ForecastSpec spec, ForecastPlan plan) {
    long window = series.windowSeconds();
    long span = series.start(series.size() - 1) + window - series.start(0);
    long train = span / 4 * 3 / window * window;
    long tested = span - train;
    if (train < window || tested < (long) spec.horizon() * window) {
      return null;
    }
    long step = Math.max((long) spec.horizon() * window,
        (tested + MAX_BACKTEST_FOLDS - 1) / MAX_BACKTEST_FOLDS / window * window);
    long season = plan.model().seasonality().stream().map(s -> s.period().getSeconds())
        .min(Long::compare).orElse(window);
    ForecastSpec folds = new ForecastSpec(spec.horizon(), train, spec.featureSets(),
        spec.families(), spec.criterion(), spec.threshold(), spec.minRowsPerParameter(), null,
        spec.meanDependentTheta(), spec.predictive());
    try {
      BacktestReport report = backtest.run(series, new BacktestSpec(folds, step, season, 1L,
          List.of(), plan.surge() == null ? SpecLimits.DEFAULT_SURGE_PROBABILITY
              : plan.surge().probability(), (long) spec.horizon() * window));
      BacktestStatus out = new BacktestStatus();
      out.setFolds(report.folds());
      out.setMae(finiteOrNull(count(report.mae())));
      out.setNaiveMae(finiteOrNull(count(report.naiveMae())));
      out.setLogScore(finiteOrNull(decimals(report.logScore(), 3)));
      out.setNaiveLogScore(finiteOrNull(decimals(report.naiveLogScore(), 3)));
      out.setCoverage50(finiteOrNull(probability(report.coverage50())));
      out.setCoverage90(finiteOrNull(probability(report.coverage90())));
      out.setPit90(finiteOrNull(probability(report.pit90())));
      out.setBrier(plan.surge() == null ? null
          : finiteOrNull(probability(report.brier())));
      return out;
    } catch (RuntimeException e) {
      // The forecast itself succeeded; a backtest that cannot run only leaves the scores out.
      LOG.debug("backtest skipped: {}", e.getMessage());
      return null;
    }
  }

  /** The windows with exposure as a count series: zero-exposure windows are gaps. */
  static CountSeries toSeries(SeriesArrays history, long windowSeconds) {
    int kept = 0;
    long[] starts = new long[history.size()];
    long[] counts = new long[history.size()];
    double[] exposure = new double[history.size()];
    for (int i = 0; i < history.size(); i++) {
      if (history.exposure()[i] > 0) {
        starts[kept] = history.epochSeconds()[i];
        counts[kept] = Math.round(history.counts()[i]);
        exposure[kept] = history.exposure()[i];
        kept++;
      }
    }
    return new CountSeries(windowSeconds, Arrays.copyOf(starts, kept), Arrays.copyOf(counts, kept),
        Arrays.copyOf(exposure, kept));
  }

  private static ForecastSpec spec(CountSeries series, ForecastPlan plan) {
    int horizon = plan.windows().horizonWindows();
    long windowSeconds = plan.windows().windowSeconds();
    String cycles = plan.model().seasonality().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
    List<Seasonality> seasons = Seasonality.parse(cycles, windowSeconds);
    List<FeatureSpec> features = List.of(
        new FeatureSpec("seasonal", seasons, plan.model().trend(), false, false, List.of()),
        new FeatureSpec("seasonal+ar", seasons, plan.model().trend(), false, true,
            levels(series.size(), windowSeconds)));
    FamilyChoice family = plan.model().family();
    List<Family> families = family == FamilyChoice.AUTO ? AUTO_FAMILIES
        : List.of(family.family().orElseThrow());
    double[] futureExposure = new double[horizon];
    Arrays.fill(futureExposure, series.exposureAt(series.size() - 1));
    long threshold = plan.surge() == null ? 0 : plan.surge().threshold();
    long train = plan.windows().history().getSeconds();
    // The series layer's defaults decide the NB2 variants it tries (e.g. a mean-dependent θ).
    ForecastSpec defaults = ForecastSpec.defaults(seasons,
        ForecastSpec.defaultLevels(windowSeconds), horizon, train, threshold);
    return new ForecastSpec(horizon, train, features, families, Criterion.AIC, threshold,
        MIN_ROWS_PER_PARAMETER, futureExposure, defaults.meanDependentTheta());
  }

  /** The series layer's default levels that fit the history, or one short level if none does. */
  private static List<Integer> levels(int historySize, long windowSeconds) {
    int longest = Math.max(1, historySize / LEVEL_SHARE_DIVISOR);
    List<Integer> fitting = ForecastSpec.defaultLevels(windowSeconds).stream()
        .filter(l -> l <= longest).toList();
    return fitting.isEmpty() ? List.of(longest) : fitting;
  }

  private static ForecastWindow window(SeriesForecast.WindowForecast w, boolean surge) {
    ForecastWindow out = new ForecastWindow();
    out.setStart(Instant.ofEpochSecond(w.start()).toString());
    out.setEnd(Instant.ofEpochSecond(w.end()).toString());
    out.setExpected(count(w.expected()));
    out.setLower(Math.toIntExact(w.lower90()));
    out.setUpper(Math.toIntExact(Math.min(w.upper90(), Integer.MAX_VALUE)));
    out.setExceedProbability(surge ? probability(w.exceedance()) : null);
    return out;
  }

  private static ModelStatus model(SeriesForecast.ChosenModel chosen) {
    ModelStatus out = new ModelStatus();
    out.setMethod(chosen.method().id());
    out.setFamily(chosen.family().id());
    out.setTheta(finiteOrNull(chosen.theta()));
    out.setAlpha(finiteOrNull(chosen.alpha()));
    out.setAic(finiteOrNull(chosen.aic()));
    out.setLogLik(finiteOrNull(chosen.logLik()));
    List<CoefficientStatus> coefficients = new ArrayList<>();
    for (Coefficient c : chosen.coefficients()) {
      CoefficientStatus status = new CoefficientStatus();
      status.setTerm(c.term());
      status.setEstimate(finiteOrNull(c.estimate()));
      status.setStdError(finiteOrNull(c.stdError()));
      coefficients.add(status);
    }
    out.setCoefficients(coefficients);
    String reason = chosen.reason();
    if (!chosen.warnings().isEmpty()) {
      reason += "; " + String.join("; ", chosen.warnings());
    }
    out.setSelectionReason(reason);
    return out;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /*
   * The status is read by people (kubectl get cf, describe, -o yaml), so its numbers carry only
   * the digits that mean something next to the forecast's own uncertainty: probabilities (and
   * shares such as coverage) to 3 decimals, expected counts to 2. The gauges on /metrics and the
   * surge action read these same values, so what acts is what the status shows, and equal
   * refits give an unchanged status. The model's coefficients, θ, α, AIC and log-likelihood keep
   * full precision: a machine may recompute predictions from them.
   */

  /** A probability or share, to 3 decimals. */
  static double probability(double value) {
    return decimals(value, 3);
  }

  /** An expected count or a mean absolute error of counts, to 2 decimals. */
  static double count(double value) {
    return decimals(value, 2);
  }

  private static double decimals(double value, int places) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue() : value;
  }
}
