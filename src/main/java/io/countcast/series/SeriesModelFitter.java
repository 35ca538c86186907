package io.countcast.series;

import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses and fits a direct multi-step model on a training window.
 *
 * <p>Choice: every (family, feature set) candidate is fitted on the lag-1 design, on the same
 * rows, and the one with the smallest AIC (or BIC) wins. Guard rails, each recorded in the
 * reason: a candidate with fewer than {@code minRowsPerParameter} rows per estimated parameter
 * is not fitted; zero inflation is not tried on a window without zeros; a fit that throws or does
 * not converge is dropped. If nothing survives, an intercept-only Poisson model is used.
 *
 * <p>Every fit that does not converge in the default iterations is retried once with four times
 * as many. The winner is then fitted on the other lag tiers (2, 4, 8, … and the horizon), longest
 * first. A tier that still does not converge uses the next longer tier's model (honest: its lag
 * is longer still); the longest tier falls back to the same terms without lags, and then to the
 * next simpler family (zinb2 and nb1 → nb2 → poisson). Step h uses the first tier with d ≥ h.
 */
final class SeriesModelFitter {

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
    long[] starts = window.starts();
    List<FeatureDesign> designs = new ArrayList<>();
    for (FeatureSpec f : spec.featureSets()) {
      designs.add(FeatureDesign.create(f, 1, window.origin(), window.span(), starts));
    }
    int[] rows = window.usableRows(designs);
    if (rows.length == 0) {
      throw new IllegalArgumentException("no usable training windows in the "
          + window.span() + " s before the origin " + window.origin());
    }
    List<String> notes = new ArrayList<>();
    FitResult best = null;
    FeatureDesign bestDesign = null;
    String runnerUp = "";
    double bestScore = Double.POSITIVE_INFINITY;
    double secondScore = Double.POSITIVE_INFINITY;
    for (FeatureDesign design : designs) {
      ModelData data = window.data(design, rows);
      for (Family family : spec.families()) {
        String label = family.id() + "/" + design.spec().name();
        int k = parameters(family, design);
        if (rows.length < (long) k * spec.minRowsPerParameter()) {
          notes.add(label + " skipped: " + rows.length + " rows for " + k + " parameters (need "
              + spec.minRowsPerParameter() + " per parameter)");
          continue;
        }
        if (family == Family.ZINB2 && !window.hasZeros()) {
          notes.add(label + " skipped: no zero counts to inflate");
          continue;
        }
        FitResult fit = fitPatiently(data, family, label, notes);
        if (fit == null) {
          continue;
        }
        double score = spec.criterion().of(fit);
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
    String criterion = spec.criterion().name();
    String reason;
    if (best == null) {
      FeatureSpec fallback = new FeatureSpec("intercept", List.of(), false, false, false, 0);
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
          FitResult fit = fitPatiently(data, firstFit.family(),
              "lag " + lag + " " + firstFit.family().id(), warnings);
          tier = fit == null ? null : new FittedSeriesModel.Tier(d, design, fit);
        }
        if (tier == null && longer == null) {
          tier = seasonalOnly(window, first.spec(), d, firstFit.family(), warnings);
        } else if (tier == null) {
          warnings.add("steps up to " + d + " use the lag " + longer.design().lag() + " model");
          tier = new FittedSeriesModel.Tier(d, longer.design(), longer.fit());
        }
        longer = tier;
        tiers.add(0, tier);
      }
    }
    tiers.add(0, new FittedSeriesModel.Tier(1, first, firstFit));
    return new FittedSeriesModel(tiers,
        new ModelChoice(firstFit.family(), first.spec(), reason, warnings));
  }

  /**
   * The tier for the longest lag when its autoregressive fit failed: the same seasonal terms
   * without lags (needing no lag at all), with the family chain as the last resort.
   */
  private FittedSeriesModel.Tier seasonalOnly(TrainingWindow window, FeatureSpec spec, int lag,
      Family family, List<String> warnings) {
    FeatureSpec plain = new FeatureSpec(spec.name() + "-ar", spec.seasons(), spec.trend(),
        spec.hourOfWeek(), false, 0);
    FeatureDesign design =
        FeatureDesign.create(plain, lag, window.origin(), window.span(), window.starts());
    ModelData data = window.data(design, window.usableRows(List.of(design)));
    for (Family f = family; f != null; f = simpler(f)) {
      FitResult fit = fitPatiently(data, f, "lag " + lag + " " + f.id() + " without lags",
          warnings);
      if (fit != null) {
        return new FittedSeriesModel.Tier(lag, design, fit);
      }
    }
    throw new IllegalStateException("no model could be fitted for lag " + lag + ": "
        + String.join("; ", warnings));
  }

  /** A fit with the default iteration limit, retried once with four times as many. */
  private FitResult fitPatiently(ModelData data, Family family, String label,
      List<String> notes) {
    List<String> firstTry = new ArrayList<>();
    FitResult fit = tryFit(data, FitOptions.defaults(family), label, firstTry);
    if (fit == null) {
      FitOptions longer = FitOptions.defaults(family);
      longer = new FitOptions(family, 4 * longer.maxIterations(), longer.tolerance(),
          longer.ridge(), longer.confidenceLevel());
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

  /** The next simpler family to fall back to, or null after Poisson. */
  static Family simpler(Family family) {
    return switch (family) {
      case ZINB2, NB1 -> Family.NB2;
      case NB2 -> Family.POISSON;
      case POISSON -> null;
    };
  }
}
