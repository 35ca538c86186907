package io.countcast.series;

import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.ModelSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses and fits a direct multi-step model on a training window.
 *
 * <p>Choice: candidates are fitted on the lag-1 design, all on the same rows, and the one with
 * the smallest AIC (or BIC) wins. To keep a fit within the operator's budget the choice has two
 * stages: Poisson and NB2 (IRLS fits) are fitted with every feature set; NB1 and ZINB2 (full
 * likelihood Newton fits, several times dearer) only with the feature set that won stage 1.
 * ZINB2 is tried only when the window has more zeros than the best NB2 fit already expects, and
 * NB1 only when the variance looks linear rather than quadratic in the mean (see
 * {@link #varianceLooksQuadratic}). Guard rails, each recorded in the
 * reason: a candidate with fewer than {@code minRowsPerParameter} rows per estimated parameter
 * is not fitted; zero inflation is not tried on a window without zeros; a fit that throws or does
 * not converge is dropped. If nothing survives, an intercept-only Poisson model is used.
 *
 * <p>Every fit that does not converge in the default iterations is retried once with four times
 * as many. The winner is then fitted on the other lag tiers (2, 4, 8, … and the horizon), longest
 * first. A tier that still does not converge uses the next longer tier's model (honest: its lag
 * is longer still); the longest tier falls back to the same terms without lags, and then to the
 * other families in {@link #fallbackChain} order (nb2 → nb1 → poisson). Step h uses the first tier with d ≥ h.
 *
 * <p>To fit within the operator's budget, NB2 fits start from a nearby solution
 * ({@link FitOptions#startBeta}): a choice candidate from the Poisson fit of its design, a tier
 * from the next longer tier's fit. The estimates are those of R's start to the tolerance.
 *
 * <p>Young and quiet series: a seasonal cycle longer than the time the training windows cover
 * is left out of every feature set (a fraction of one cycle cannot identify its shape, and its
 * Fourier terms extrapolate wildly beyond it). A window with fewer than {@value #MIN_EVENTS}
 * events in all gets no regression but the {@link GammaPoissonRate}: a regression's intercept
 * alone wants about ten events (the events-per-parameter rule of thumb of count and logistic
 * regression), and with none at all no regression has a finite estimate.
 */
final class SeriesModelFitter {

  /** Level of the NB2-versus-Poisson likelihood-ratio test. */
  private static final double OVERDISPERSION_LEVEL = 0.05;
  /** Fewest events in a training window for a regression; fewer use the Gamma–Poisson rate. */
  static final int MIN_EVENTS = 10;

  private final CountEngine engine;

  SeriesModelFitter(CountEngine engine) {
    this.engine = engine;
  }

  /** Lag distances 1, 2, 4, … below the horizon, then the horizon itself. */
  static int[] tiers(int horizon) {
    List<Integer> out = new ArrayList<>();
    for (int d = 1; d < horizon; d *= 2) {
      out.add(d);
    }
    out.add(horizon);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  FittedSeriesModel fit(TrainingWindow window, ForecastSpec spec) {
    long events = window.events();
    if (window.size() > 0 && events < MIN_EVENTS) {
      return quiet(window, events);
    }
    long[] starts = window.starts();
    List<String> notes = new ArrayList<>();
    List<FeatureDesign> designs = new ArrayList<>();
    for (FeatureSpec f : identifiable(spec.featureSets(), window.coveredSeconds(), notes)) {
      designs.add(FeatureDesign.create(f, 1, window.origin(), window.span(), starts));
    }
    // A feature set whose lags reach back before most of the history is not a candidate:
    // comparing on common rows would otherwise throw most of the window away.
    List<FeatureDesign> buildable = new ArrayList<>();
    for (FeatureDesign d : designs) {
      int usable = window.usableRows(List.of(d)).length;
      if (2 * usable >= window.size()) {
        buildable.add(d);
      } else {
        notes.add(d.spec().name() + " skipped: only " + usable + " of " + window.size()
            + " training windows have enough history before them for its lags");
      }
    }
    if (!buildable.isEmpty()) {
      designs = buildable;
    }
    int[] rows = window.usableRows(designs);
    if (rows.length == 0) {
      throw new IllegalArgumentException("no usable training windows in the "
          + window.span() + " s before the origin " + window.origin());
    }
    Ranking ranking = new Ranking(spec.criterion());
    // Stage 1: the GLM families (cheap IRLS fits) on every feature set pick the features.
    List<Family> glm = spec.families().stream()
        .filter(f -> f == Family.POISSON || f == Family.NB2).toList();
    List<Family> screen = glm.isEmpty() ? spec.families() : glm;
    for (FeatureDesign design : designs) {
      ModelData data = window.data(design, rows);
      for (Family family : screen) {
        consider(ranking, window, spec, design, data, family, rows.length, notes);
      }
    }
    boolean overdispersed = overdispersionTest(ranking, notes);
    // Stage 2: the full-likelihood families (NB1, ZINB2), on the winning features only. Both
    // exist for overdispersed counts, so they are not tried when the test finds none.
    List<Family> rest = spec.families().stream()
        .filter(f -> !screen.contains(f) && overdispersed).toList();
    List<FeatureDesign> stage2 = ranking.best == null ? designs : List.of(ranking.bestDesign);
    if (!rest.isEmpty() && stage2.size() < designs.size()) {
      notes.add(rest.stream().map(Family::id).toList() + " tried on "
          + ranking.bestDesign.spec().name() + " only");
    }
    for (FeatureDesign design : stage2) {
      ModelData data = window.data(design, rows);
      for (Family family : rest) {
        if (family == Family.ZINB2 && ranking.nb2 != null && design == ranking.nb2Design) {
          double expected = expectedNb2Zeros(data, ranking.nb2);
          long observed = Arrays.stream(data.y()).filter(y -> y == 0).count();
          if (observed <= expected) {
            notes.add(String.format(Locale.ROOT, "zinb2/%s skipped: %d zeros observed, nb2"
                + " already expects %.1f", design.spec().name(), observed, expected));
            continue;
          }
        }
        if (family == Family.NB1 && ranking.nb2 != null && design == ranking.nb2Design
            && varianceLooksQuadratic(data, ranking.nb2)) {
          notes.add("nb1/" + design.spec().name() + " skipped: the variance grows like mu^2"
              + " (nb2), not like mu (nb1)");
          continue;
        }
        consider(ranking, window, spec, design, data, family, rows.length, notes);
      }
    }
    FitResult best = ranking.best;
    FeatureDesign bestDesign = ranking.bestDesign;
    String runnerUp = ranking.runnerUp;
    double bestScore = ranking.bestScore;
    double secondScore = ranking.secondScore;
    String criterion = spec.criterion().name();
    String reason;
    if (best == null) {
      FeatureSpec fallback = new FeatureSpec("intercept", List.of(), false, false, false, List.of());
      bestDesign = FeatureDesign.create(fallback, 1, window.origin(), window.span(), starts);
      best = engine.fit(window.data(bestDesign, rows), FitOptions.defaults(Family.POISSON));
      reason = "no candidate could be used, fell back to an intercept-only poisson model";
    } else {
      reason = String.format(Locale.ROOT, "%s/%s by %s %.1f", best.family().id(),
          bestDesign.spec().name(), criterion, bestScore);
      if (!runnerUp.isEmpty()) {
        reason += String.format(Locale.ROOT, " (next %s %.1f)", runnerUp, secondScore);
      }
      if (spec.families().size() == 1 && spec.featureSets().size() == 1) {
        reason = best.family().id() + "/" + bestDesign.spec().name() + " as requested";
      }
    }
    if (!notes.isEmpty()) {
      reason += "; " + String.join("; ", notes);
    }
    return fitTiers(window, spec, bestDesign, best, reason);
  }

  /** The Gamma–Poisson model of a window with fewer than {@link #MIN_EVENTS} events. */
  private static FittedSeriesModel quiet(TrainingWindow window, long events) {
    String what = events == 0 ? "no events" : events == 1 ? "1 event" : events + " events";
    String reason = String.format(Locale.ROOT, "%s in %d windows (a regression needs %d);"
        + " gamma-poisson: constant rate with the Jeffreys prior Gamma(1/2, 0)", what,
        window.size(), MIN_EVENTS);
    FeatureSpec rate = new FeatureSpec("rate", List.of(), false, false, false, List.of());
    return FittedSeriesModel.gammaPoisson(GammaPoissonRate.posterior(events, window.exposure()),
        new ModelChoice(Family.POISSON, rate, reason, List.of(), ForecastMethod.GAMMA_POISSON));
  }

  /**
   * The feature sets without the seasonal cycles longer than {@code covered} seconds (rows),
   * with a note for each cycle left out.
   */
  private static List<FeatureSpec> identifiable(List<FeatureSpec> sets, long covered,
      List<String> notes) {
    List<String> dropped = new ArrayList<>();
    List<FeatureSpec> out = new ArrayList<>();
    for (FeatureSpec f : sets) {
      List<Seasonality> kept = new ArrayList<>();
      for (Seasonality s : f.seasons()) {
        if (s.periodSeconds() <= covered) {
          kept.add(s);
        } else if (!dropped.contains(s.name())) {
          dropped.add(s.name());
          notes.add(String.format(Locale.ROOT, "%s terms left out: the training windows cover"
              + " %.2f of one cycle", s.name(), (double) covered / s.periodSeconds()));
        }
      }
      out.add(kept.size() == f.seasons().size() ? f
          : new FeatureSpec(f.name(), kept, f.trend(), f.hourOfWeek(), f.autoregressive(),
              f.levels()));
    }
    return out;
  }

  /**
   * The likelihood-ratio test of NB2 against Poisson on the features NB2 fits best, with the
   * boundary-corrected p-value (θ = ∞ lies on the edge of the parameter space). When it finds no
   * overdispersion at the 5% level, an NB2 that won on AIC alone gives way to the Poisson fit of
   * the same features: the simpler model is not rejected by the data. Returns whether the counts
   * are overdispersed (true when the test cannot be run, so nothing is ruled out).
   */
  private static boolean overdispersionTest(Ranking ranking, List<String> notes) {
    FitResult poisson = ranking.nb2 == null ? null : ranking.poissonOn(ranking.nb2Design);
    if (poisson == null) {
      return true;
    }
    ModelSelection.LikelihoodRatioTest test =
        ModelSelection.nb2VersusPoisson(poisson, ranking.nb2);
    boolean overdispersed = test.pValue() < OVERDISPERSION_LEVEL;
    notes.add(String.format(Locale.ROOT, "overdispersion test (nb2 vs poisson on %s): LR %.2f,"
        + " p %.3g, %s", ranking.nb2Design.spec().name(), test.statistic(), test.pValue(),
        overdispersed ? "overdispersed" : "no overdispersion, poisson kept"));
    if (!overdispersed && ranking.best == ranking.nb2) {
      ranking.promote(poisson, ranking.nb2Design);
    }
    return overdispersed;
  }

  /** Fits one candidate unless a guard rail rules it out, and ranks it. */
  private void consider(Ranking ranking, TrainingWindow window, ForecastSpec spec,
      FeatureDesign design, ModelData data, Family family, int rows, List<String> notes) {
    String label = family.id() + "/" + design.spec().name();
    int k = parameters(family, design);
    if (rows < (long) k * spec.minRowsPerParameter()) {
      notes.add(label + " skipped: " + rows + " rows for " + k + " parameters (need "
          + spec.minRowsPerParameter() + " per parameter)");
      return;
    }
    if (family == Family.ZINB2 && !window.hasZeros()) {
      notes.add(label + " skipped: no zero counts to inflate");
      return;
    }
    // NB2 starts from the Poisson fit of the same design, as R's glm.nb does, without refitting it.
    FitResult poisson = family == Family.NB2 ? ranking.poissonOn(design) : null;
    FitResult fit = fitPatiently(data, family, poisson, label, notes);
    if (fit != null) {
      ranking.add(fit, design, label);
    }
  }

  /**
   * Cameron and Trivedi's auxiliary regressions at the NB2 means: with r = ((y − μ)² − y)/μ,
   * NB2 implies r ≈ α·μ and NB1 implies r ≈ α. True when the NB2 form leaves the smaller residual
   * sum of squares, so an NB1 fit (a full-likelihood Newton fit, the dearest of all) would not
   * win and is not tried.
   */
  private static boolean varianceLooksQuadratic(ModelData data, FitResult nb2) {
    double[] mu = means(data, nb2);
    double[] y = data.y();
    double srm = 0;
    double smm = 0;
    double sr = 0;
    double srr = 0;
    for (int i = 0; i < mu.length; i++) {
      double e = y[i] - mu[i];
      double r = (e * e - y[i]) / mu[i];
      srm += r * mu[i];
      smm += mu[i] * mu[i];
      sr += r;
      srr += r * r;
    }
    double rssQuadratic = srr - srm * srm / smm;
    double rssLinear = srr - sr * sr / mu.length;
    return rssQuadratic < rssLinear;
  }

  /** Σ P(Y = 0) under a fitted NB2: the zeros a model without inflation already explains. */
  private static double expectedNb2Zeros(ModelData data, FitResult nb2) {
    double theta = nb2.theta();
    double sum = 0;
    for (double mu : means(data, nb2)) {
      sum += Math.exp(theta * Math.log(theta / (theta + mu)));
    }
    return sum;
  }

  /** The best and second-best candidates by the criterion, and the best NB2 fit. */
  private static final class Ranking {
    private final Criterion criterion;
    FitResult best;
    FeatureDesign bestDesign;
    double bestScore = Double.POSITIVE_INFINITY;
    String runnerUp = "";
    double secondScore = Double.POSITIVE_INFINITY;
    FitResult nb2;
    FeatureDesign nb2Design;
    private final Map<FeatureDesign, FitResult> poisson = new IdentityHashMap<>();

    Ranking(Criterion criterion) {
      this.criterion = criterion;
    }

    FitResult poissonOn(FeatureDesign design) {
      return poisson.get(design);
    }

    /** Makes {@code fit} the choice; the former best becomes the runner-up. */
    void promote(FitResult fit, FeatureDesign design) {
      runnerUp = best.family().id() + "/" + bestDesign.spec().name();
      secondScore = bestScore;
      best = fit;
      bestDesign = design;
      bestScore = criterion.of(fit);
    }

    void add(FitResult fit, FeatureDesign design, String label) {
      double score = criterion.of(fit);
      if (fit.family() == Family.POISSON) {
        poisson.put(design, fit);
      }
      if (fit.family() == Family.NB2 && (nb2 == null || score < criterion.of(nb2))) {
        nb2 = fit;
        nb2Design = design;
      }
      if (score < bestScore) {
        secondScore = bestScore;
        runnerUp = best == null ? "" : best.family().id() + "/" + bestDesign.spec().name();
        bestScore = score;
        best = fit;
        bestDesign = design;
      } else if (score < secondScore) {
        secondScore = score;
        runnerUp = label;
      }
    }
  }

  private FittedSeriesModel fitTiers(TrainingWindow window, ForecastSpec spec,
      FeatureDesign first, FitResult firstFit, String reason) {
    List<String> warnings = new ArrayList<>();
    List<FittedSeriesModel.Tier> tiers = new ArrayList<>();
    if (first.spec().autoregressive()) {
      long[] starts = window.starts();
      int[] lags = tiers(spec.horizon());
      // Longest lag first, so a tier that cannot be fitted can borrow the next longer one,
      // which is still honest for its steps (d' > d ≥ h).
      FittedSeriesModel.Tier longer = null;
      for (int i = lags.length - 1; i >= 1; i--) {
        int d = lags[i];
        // The longest tier may also try lags 2d and 4d: still honest, and a burst that a lag-d
        // design cannot digest is often further back by then.
        int tries = longer == null ? 3 : 1;
        FittedSeriesModel.Tier tier = null;
        for (int t = 0, lag = d; t < tries && tier == null; t++, lag *= 2) {
          FeatureDesign design =
              FeatureDesign.create(first.spec(), lag, window.origin(), window.span(), starts);
          ModelData data = window.data(design, window.usableRows(List.of(design)));
          // Warm start from the neighbouring tier: same columns but the lag, nearly the same fit.
          FitResult fit = fitPatiently(data, firstFit.family(),
              longer == null ? firstFit : longer.fit(),
              "lag " + lag + " " + firstFit.family().id(), warnings);
          tier = fit == null ? null : tier(d, design, data, fit, spec);
        }
        if (tier == null && longer == null) {
          tier = seasonalOnly(window, spec, first.spec(), d, firstFit.family(), warnings);
        } else if (tier == null) {
          warnings.add("steps up to " + d + " use the lag " + longer.design().lag() + " model");
          tier = new FittedSeriesModel.Tier(d, longer.design(), longer.fit(),
              longer.dispersion());
        }
        longer = tier;
        tiers.add(0, tier);
      }
    }
    tiers.add(0, tier(1, first, window.data(first, window.usableRows(List.of(first))), firstFit,
        spec));
    return new FittedSeriesModel(tiers,
        new ModelChoice(firstFit.family(), first.spec(), reason, warnings), spec.predictive());
  }

  /**
   * A tier, with a mean-dependent NB2 θ when the spec allows it and it lowers the AIC (it costs
   * one parameter, so the log-likelihood must rise by more than 1).
   */
  private static FittedSeriesModel.Tier tier(int lag, FeatureDesign design, ModelData data,
      FitResult fit, ForecastSpec spec) {
    MeanDependentTheta dispersion = null;
    if (spec.meanDependentTheta() && fit.family() == Family.NB2) {
      double[] mu = means(data, fit);
      MeanDependentTheta candidate = MeanDependentTheta.fit(data.y(), mu, fit.theta());
      if (candidate != null && candidate.logLik() > fit.logLik() + 1) {
        dispersion = candidate;
      }
    }
    return new FittedSeriesModel.Tier(lag, design, fit, dispersion);
  }

  /** Fitted count-part means of the training rows. */
  private static double[] means(ModelData data, FitResult fit) {
    double[] beta = fit.beta();
    double[] x = data.x().values();
    int p = beta.length;
    double[] mu = new double[data.n()];
    for (int i = 0; i < mu.length; i++) {
      double eta = data.offset() == null ? 0 : data.offset()[i];
      for (int j = 0; j < p; j++) {
        eta += x[i * p + j] * beta[j];
      }
      mu[i] = Math.exp(eta);
    }
    return mu;
  }

  /**
   * The tier for the longest lag when its autoregressive fit failed: the same seasonal terms
   * without lags (needing no lag at all), with the family chain as the last resort.
   */
  private FittedSeriesModel.Tier seasonalOnly(TrainingWindow window, ForecastSpec spec,
      FeatureSpec features, int lag, Family family, List<String> warnings) {
    FeatureSpec plain = new FeatureSpec(features.name() + "-ar", features.seasons(),
        features.trend(), features.hourOfWeek(), false, List.of());
    FeatureDesign design =
        FeatureDesign.create(plain, lag, window.origin(), window.span(), window.starts());
    ModelData data = window.data(design, window.usableRows(List.of(design)));
    for (Family f : fallbackChain(family)) {
      FitResult fit = fitPatiently(data, f, null, "lag " + lag + " " + f.id() + " without lags",
          warnings);
      if (fit != null) {
        return tier(lag, design, data, fit, spec);
      }
    }
    throw new IllegalStateException("no model could be fitted for lag " + lag + ": "
        + String.join("; ", warnings));
  }

  /**
   * A fit with the default iteration limit, retried once with four times as many.
   *
   * @param near a fit of the same columns (or null) that an NB2 fit may start from: it reaches
   *     the same estimates to the tolerance with fewer iterations than R's Poisson start
   */
  private FitResult fitPatiently(ModelData data, Family family, FitResult near, String label,
      List<String> notes) {
    FitOptions options = FitOptions.defaults(family);
    if (family == Family.NB2 && near != null && near.beta().length == data.x().columns()) {
      options = options.withStartBeta(near.beta());
    }
    List<String> firstTry = new ArrayList<>();
    FitResult fit = tryFit(data, options, label, firstTry);
    if (fit == null) {
      FitOptions longer = new FitOptions(family, 4 * options.maxIterations(),
          options.tolerance(), options.ridge(), options.confidenceLevel(), options.startBeta());
      fit = tryFit(data, longer, label, notes);
    }
    return fit;
  }

  /** A converged fit, or null with a note saying why not. */
  private FitResult tryFit(ModelData data, FitOptions options, String label,
      List<String> notes) {
    try {
      FitResult fit = engine.fit(data, options);
      if (!fit.converged()) {
        notes.add(label + " did not converge in " + fit.iterations() + " iterations");
        return null;
      }
      return fit;
    } catch (RuntimeException e) {
      notes.add(label + " failed: " + e.getMessage());
      return null;
    }
  }

  /** Parameters a fit estimates: β, plus θ or α, plus the zero-part intercept. */
  private static int parameters(Family family, FeatureDesign design) {
    return design.columns() + switch (family) {
      case POISSON -> 0;
      case NB2, NB1 -> 1;
      case ZINB2 -> 2;
    };
  }

  /**
   * The families to try, in order, when {@code family} cannot be fitted: the other
   * overdispersed families before Poisson, because a Poisson forecast of overdispersed counts
   * has far too narrow intervals (its log score can be worse by orders of magnitude).
   */
  static List<Family> fallbackChain(Family family) {
    return switch (family) {
      case ZINB2 -> List.of(Family.ZINB2, Family.NB2, Family.NB1, Family.POISSON);
      case NB2 -> List.of(Family.NB2, Family.NB1, Family.POISSON);
      case NB1 -> List.of(Family.NB1, Family.NB2, Family.POISSON);
      case POISSON -> List.of(Family.POISSON);
    };
  }
}
