package io.countcast.series;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

/** Seeded synthetic count series for tests: NB2 counts around a daily cycle. */
final class Synthetic {

  private Synthetic() {
  }

  /**
   * {@code days} days of {@code window}-second windows from epoch 0, NB2 with size θ around
   * mean exp(level + amplitude·sin(2π·t/day)).
   */
  static CountSeries dailyNb2(int days, long window, double level, double amplitude, double theta,
      long seed) {
    Well19937c rng = new Well19937c(seed);
    int n = (int) (days * Seasonality.DAY / window);
    long[] starts = new long[n];
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = i * window;
      double mu = Math.exp(level + amplitude * Math.sin(2 * Math.PI * starts[i] / Seasonality.DAY));
      double lambda = new GammaDistribution(rng, theta, mu / theta).sample();
      counts[i] = lambda <= 0 ? 0 : new PoissonDistribution(rng, lambda,
          PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
          .sample();
    }
    return CountSeries.of(window, starts, counts);
  }
}
