package io.countcast.series;

import io.countcast.model.Family;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimates of the fits made at one backtest origin, for the fits of the same family and design
 * at the next origin to start from: one training window later the estimates move little, so a
 * Poisson or NB2 fit from there needs a step or two instead of R's cold start, and converges to
 * the same estimates within the tolerance (a ZINB2 Newton fit from there needs two or three
 * steps instead of seven to nine, each costing some 36 likelihood passes). Keyed by family,
 * feature set, lag and columns; used by one thread at a time (one run of consecutive origins).
 */
final class WarmStarts {

  private final Map<String, double[]> betas = new HashMap<>();

  /** The previous estimates for this family and design, or null. */
  double[] get(Family family, FeatureDesign design) {
    return betas.get(key(family, design));
  }

  /** Records {@code fit}'s estimates for the next fit of this family and design. */
  void put(Family family, FeatureDesign design, FitResult fit) {
    double[] start = start(fit);
    if (Arrays.stream(start).allMatch(Double::isFinite)) {
      betas.put(key(family, design), start);
    }
  }

  /** A fit's estimates as a start vector: β, and for ZINB2 also γ and log θ. */
  static double[] start(FitResult fit) {
    double[] beta = fit.beta();
    if (fit.family() != Family.ZINB2) {
      return beta;
    }
    double[] gamma = fit.gamma();
    double[] all = Arrays.copyOf(beta, beta.length + gamma.length + 1);
    System.arraycopy(gamma, 0, all, beta.length, gamma.length);
    all[all.length - 1] = Math.log(fit.theta());
    return all;
  }

  /** The length of a start vector of {@code family} for {@code data}. */
  static int size(Family family, ModelData data) {
    int p = data.x().columns();
    return family == Family.ZINB2
        ? p + (data.zeroX() == null ? 1 : data.zeroX().columns()) + 1 : p;
  }

  private static String key(Family family, FeatureDesign design) {
    return family.id() + "/" + design.spec().name() + "/" + design.lag() + "/"
        + String.join(",", design.names());
  }
}
