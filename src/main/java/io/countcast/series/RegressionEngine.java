package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.model.ZeroInflatedCount;

/** The production {@link CountEngine}: {@link CountRegression} and the engine's distributions. */
public final class RegressionEngine implements CountEngine {

  public static final RegressionEngine INSTANCE = new RegressionEngine();

  private RegressionEngine() {
  }

  @Override
  public FitResult fit(ModelData data, FitOptions options) {
    return CountRegression.fit(data, options);
  }

  @Override
  public CountDistribution distribution(Family family, double mean, double dispersion,
      double zeroProbability) {
    return switch (family) {
      case POISSON -> new PoissonCount(mean);
      case NB2 -> new NegBinomialCount(mean, dispersion);
      case NB1 -> NegBinomialCount.nb1(mean, dispersion);
      case ZINB2 -> new ZeroInflatedCount(zeroProbability, new NegBinomialCount(mean, dispersion));
    };
  }
}
