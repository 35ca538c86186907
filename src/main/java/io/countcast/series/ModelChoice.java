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
 */
public record ModelChoice(Family family, FeatureSpec features, String reason,
                          List<String> warnings) {

  public ModelChoice {
    warnings = List.copyOf(warnings);
  }
}
