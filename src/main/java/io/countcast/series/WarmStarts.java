package io.countcast.series;

import io.countcast.model.Family;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimates of the fits made at one backtest origin, for the fits of the same family and design
 * at the next origin to start from: one training window later the estimates move little, so a
 * Poisson or NB2 fit from there needs a step or two instead of R's cold start, and converges to
 * the same estimates within the tolerance. Keyed by family, feature set, lag and columns; used
 * by one thread at a time (one run of consecutive origins).
 */
final class WarmStarts {

  private final Map<String, double[]> betas = new HashMap<>();

  /** The previous estimates for this family and design, or null. */
  double[] get(Family family, FeatureDesign design) {
    return betas.get(key(family, design));
  }

  void put(Family family, FeatureDesign design, double[] beta) {
    betas.put(key(family, design), beta);
  }

  private static String key(Family family, FeatureDesign design) {
    return family.id() + "/" + design.spec().name() + "/" + design.lag() + "/"
        + String.join(",", design.names());
  }
}
