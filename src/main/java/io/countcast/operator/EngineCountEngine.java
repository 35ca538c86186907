package io.countcast.operator;

import io.countcast.model.CountDistribution;
import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.model.ZeroInflatedCount;
import io.countcast.series.CountEngine;
import io.countcast.series.CountPredictive;

/**
 * The series layer's {@link CountEngine} on the real engine: {@link CountRegression} fits and the
 * engine's predictive distributions. A thin bridge between two packages that do not know each
 * other; it adds no numerics of its own.
 */
public final class EngineCountEngine implements CountEngine {

  @Override
  public FitResult fit(ModelData data, FitOptions options) {
    return CountRegression.fit(data, options);
  }

  @Override
  public CountPredictive distribution(Family family, double mean, double dispersion,
      double zeroProbability) {
    CountDistribution d = switch (family) {
      case POISSON -> new PoissonCount(mean);
      case NB2 -> new NegBinomialCount(mean, dispersion);
      case NB1 -> NegBinomialCount.nb1(mean, dispersion);
      case ZINB2 -> new ZeroInflatedCount(zeroProbability, new NegBinomialCount(mean, dispersion));
    };
    return new CountPredictive() {
      @Override
      public double mean() {
        return d.mean();
      }

      @Override
      public double logPmf(long y) {
        return d.logPmf(y);
      }

      @Override
      public double cdf(long y) {
        return d.cdf(y);
      }

      @Override
      public long quantile(double p) {
        return d.quantile(p);
      }

      @Override
      public double exceedance(long k) {
        return d.exceedance(k);
      }
    };
  }
}
