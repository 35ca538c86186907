package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The moment-matched approximate posterior predictive against its definition: a Monte Carlo
 * draw of η ~ N(η̂, s²) and log θ ~ N(log θ̂, σ²), then of the count.
 */
class ParameterUncertaintyTest {

  private static final int DRAWS = 200_000;

  @Test
  void withoutEstimationErrorItIsThePlugInDistribution() {
    CountDistribution nb2 = ParameterUncertainty.predictive(Family.NB2, Math.log(7), 0, 2.5, 0, 0);
    assertThat(nb2).isInstanceOf(NegBinomialCount.class);
    assertThat(nb2.mean()).isCloseTo(7, within(1e-12));
    assertThat(((NegBinomialCount) nb2).size()).isEqualTo(2.5);
    CountDistribution poisson = ParameterUncertainty.predictive(Family.POISSON, Math.log(3), 0,
        Double.NaN, Double.NaN, 0);
    assertThat(poisson).isInstanceOf(PoissonCount.class);
    assertThat(poisson.mean()).isCloseTo(3, within(1e-12));
    CountDistribution nb1 = ParameterUncertainty.predictive(Family.NB1, Math.log(4), 0, 0.5, 0, 0);
    assertThat(nb1.variance()).isCloseTo(4 * 1.5, within(1e-12));
  }

  @Test
  void matchesTheMonteCarloPosteriorPredictiveNb2() {
    double eta = Math.log(12);
    double s2 = 0.3 * 0.3;
    double theta = 4;
    double sigma = 0.4;
    CountDistribution approx = ParameterUncertainty.predictive(Family.NB2, eta, s2, theta,
        sigma, 0);
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(7));
    long[] draws = new long[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      double mu = Math.exp(eta + Math.sqrt(s2) * random.nextGaussian(0, 1));
      double t = theta * Math.exp(sigma * random.nextGaussian(0, 1));
      double lambda = random.nextGamma(t, mu / t);
      draws[i] = lambda > 0 ? random.nextPoisson(lambda) : 0;
    }
    assertAgrees(approx, draws);
  }

  @Test
  void matchesTheMonteCarloPosteriorPredictivePoisson() {
    double eta = Math.log(2.5);
    double s2 = 0.5 * 0.5;
    CountDistribution approx = ParameterUncertainty.predictive(Family.POISSON, eta, s2,
        Double.NaN, Double.NaN, 0);
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(11));
    long[] draws = new long[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      draws[i] = random.nextPoisson(Math.exp(eta + Math.sqrt(s2) * random.nextGaussian(0, 1)));
    }
    assertAgrees(approx, draws);
  }

  @Test
  void dispersionUncertaintyIsCapped() {
    CountDistribution wild = ParameterUncertainty.predictive(Family.NB2, 0, 0, 1e5, 50, 0);
    CountDistribution capped = ParameterUncertainty.predictive(Family.NB2, 0, 0, 1e5,
        ParameterUncertainty.MAX_LOG_SE, 0);
    assertThat(wild).isEqualTo(capped);
    assertThat(wild.variance()).isCloseTo(1, within(1e-4));
    CountDistribution drifting = ParameterUncertainty.predictive(Family.POISSON, -30, 1e6,
        Double.NaN, Double.NaN, 0);
    assertThat(drifting.mean()).isCloseTo(Math.exp(-30 + 0.5), within(1e-20));
  }

  /** Same mean and variance, and central 90% and 50% bounds within one count. */
  private static void assertAgrees(CountDistribution approx, long[] draws) {
    double mean = 0;
    for (long d : draws) {
      mean += d;
    }
    mean /= draws.length;
    double var = 0;
    for (long d : draws) {
      var += (d - mean) * (d - mean);
    }
    var /= draws.length - 1;
    assertThat(approx.mean()).isCloseTo(mean, within(0.02 * mean));
    assertThat(approx.variance()).isCloseTo(var, within(0.05 * var));
    long[] sorted = draws.clone();
    java.util.Arrays.sort(sorted);
    for (double p : new double[] {0.05, 0.25, 0.75, 0.95}) {
      long empirical = sorted[(int) Math.ceil(p * draws.length) - 1];
      assertThat(approx.quantile(p)).as("quantile " + p).isBetween(empirical - 1, empirical + 1);
    }
  }
}
