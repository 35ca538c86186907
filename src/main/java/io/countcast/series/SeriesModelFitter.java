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
 * <p>The winner is then fitted on the other lag tiers (2, 4, 8, … up to the horizon). A tier
 * whose fit does not converge is refitted with the next simpler family (zinb2 and nb1 → nb2 →
 * poisson); if none converges, the tier is fitted without autoregressive terms, which needs no
 * lag at all. Tiers are listed in increasing lag, and step h uses the first with d ≥ h.
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
        FitResult fit = tryFit(data, family, label, notes);
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
    List<FittedSeriesModel.Tier> tiers = new ArrayList<>();
    tiers.add(new FittedSeriesModel.Tier(1, first, firstFit));
    List<String> warnings = new ArrayList<>();
    if (first.spec().autoregressive()) {
      long[] starts = window.starts();
      for (int d : tiers(spec.horizon())) {
        if (d == 1) {
          continue;
        }
        FeatureDesign design =
            FeatureDesign.create(first.spec(), d, window.origin(), window.span(), starts);
        ModelData data = window.data(design, window.usableRows(List.of(design)));
        FitResult fit = null;
        for (Family family = firstFit.family(); family != null && fit == null;
            family = simpler(family)) {
          fit = tryFit(data, family, "lag " + d + " " + family.id(), warnings);
        }
        if (fit == null) {
          FeatureSpec plain = new FeatureSpec(first.spec().name() + "-ar", first.spec().seasons(),
              first.spec().trend(), first.spec().hourOfWeek(), false, 0);
          design = FeatureDesign.create(plain, d, window.origin(), window.span(), starts);
          data = window.data(design, window.usableRows(List.of(design)));
          for (Family family = firstFit.family(); family != null && fit == null;
              family = simpler(family)) {
            fit = tryFit(data, family, "lag " + d + " without lags " + family.id(), warnings);
          }
        }
        if (fit == null) {
          throw new IllegalStateException("no family could be fitted for lag " + d + ": "
              + String.join("; ", warnings));
        }
        tiers.add(new FittedSeriesModel.Tier(d, design, fit));
      }
    }
    return new FittedSeriesModel(tiers,
        new ModelChoice(firstFit.family(), first.spec(), reason, warnings));
  }

  /** A converged fit, or null with a note saying why not. */
  private FitResult tryFit(ModelData data, Family family, String label, List<String> notes) {
    try {
      FitResult fit = engine.fit(data, FitOptions.defaults(family));
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
