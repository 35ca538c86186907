package io.countcast.series;

import io.countcast.model.Family;
import java.util.List;

/**
 * What model choice settled on and why.
 *
 * @param family the family used
 * @param features the feature set used
 * @param reason plain-language reason, e.g. the criterion values compared and any candidates
 *     skipped by the guard rails
 * @param warnings fallbacks taken after the choice (a tier that did not converge and was refitted
 *     with another family)
 * @param method a regression, or the Gamma–Poisson rate of a window with too few events
 */
public record ModelChoice(Family family, FeatureSpec features, String reason,
                          List<String> warnings, ForecastMethod method) {

  public ModelChoice {
    warnings = List.copyOf(warnings);
  }

  /** A regression. */
  public ModelChoice(Family family, FeatureSpec features, String reason, List<String> warnings) {
    this(family, features, reason, warnings, ForecastMethod.REGRESSION);
  }

  /** family/features, or gamma-poisson/features: how backtests count the choices. */
  String label() {
    return (method == ForecastMethod.GAMMA_POISSON ? method.id() : family.id()) + "/"
        + features.name();
  }
}
