package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;

/**
 * What the series layer needs from the count-regression engine: a fit and the predictive
 * distribution of a fitted family at a given mean. Kept as an interface so the backtest driver
 * and the features can be tested with a small stand-in fitter.
 */
public interface CountEngine {

  /** Fits a count regression; throws the engine's unchecked exception on unusable data. */
  FitResult fit(ModelData data, FitOptions options);

  /**
   * The predictive distribution of one count.
   *
   * @param family the family
   * @param mean the count-part mean μ (for ZINB2, the mean of the NB2 part)
   * @param dispersion θ for NB2 and ZINB2, α for NB1, ignored for Poisson
   * @param zeroProbability π for ZINB2, ignored otherwise
   */
  CountDistribution distribution(Family family, double mean, double dispersion,
      double zeroProbability);

  /** The dispersion parameter of a fit as {@link #distribution} expects it. */
  static double dispersionOf(FitResult fit) {
    return switch (fit.family()) {
      case NB2, ZINB2 -> fit.theta();
      case NB1 -> fit.alpha();
      case POISSON -> Double.NaN;
    };
  }
}
