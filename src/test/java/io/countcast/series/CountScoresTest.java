package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.CountDistribution;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.model.ZeroInflatedCount;
import org.junit.jupiter.api.Test;

class CountScoresTest {

  /** The definition, summed term by term with the distribution's own CDF. */
  private static double directCrps(CountDistribution p, long y, int terms) {
    double sum = 0;
    for (long k = 0; k < terms; k++) {
      double d = p.cdf(k) - (y <= k ? 1 : 0);
      sum += d * d;
    }
    return sum;
  }

  @Test
  void crpsAgreesWithTheDirectSumOnSmallCases() {
    CountDistribution[] cases = {new PoissonCount(2.5), new NegBinomialCount(4, 1.5),
        new NegBinomialCount(0.3, 0.2), new ZeroInflatedCount(0.3, new NegBinomialCount(6, 2)),
        new PoissonCount(40)};
    for (CountDistribution p : cases) {
      for (long y : new long[] {0, 1, 3, 7, 20, 60}) {
        assertThat(CountScores.crps(p, y)).as(p + " at " + y)
            .isCloseTo(directCrps(p, y, 5000), within(1e-8));
      }
    }
  }

  @Test
  void crpsByHand() {
    // a point mass at 0 (mean 0): CRPS = |y − 0|
    assertThat(CountScores.crps(new PoissonCount(0), 3)).isCloseTo(3, within(1e-12));
    // Poisson(1) at y = 1: F(0)² + Σ_{k≥1} (1 − F(k))², F(k) = e^-1 Σ_{j≤k} 1/j!
    // = 0.135335 + 0.069823 + 0.006448 + 0.000361 + 0.000013 + ... = 0.211981
    assertThat(CountScores.crps(new PoissonCount(1), 1)).isCloseTo(0.211981, within(2e-6));
  }

  @Test
  void intervalScoreAndPitByHand() {
    // [2, 8] at level 90% (alpha 0.1): width 6, plus 2/0.1 = 20 per count outside
    assertThat(CountScores.intervalScore(2, 8, 5, 0.1)).isEqualTo(6);
    assertThat(CountScores.intervalScore(2, 8, 10, 0.1)).isEqualTo(46);
    assertThat(CountScores.intervalScore(2, 8, 1, 0.1)).isEqualTo(26);
    assertThat(CountScores.intervalScore(2, 8, 10, 0.2)).isEqualTo(26);
    // Poisson(1) at y = 1 with V = 0.5: F(0) + 0.5 (F(1) − F(0)) = 1.5/e
    assertThat(CountScores.randomizedPit(new PoissonCount(1), 1, 0.5))
        .isCloseTo(1.5 / Math.E, within(1e-12));
  }

  @Test
  void extremeMeansAndSizesScoreWithoutFailing() {
    CountDistribution huge = new NegBinomialCount(1e17, 5);
    assertThat(huge.quantile(0.5)).isEqualTo(CountDistribution.MAX_QUANTILE);
    assertThat(CountScores.crps(huge, 10)).isFinite().isPositive();
    CountDistribution tiny = new NegBinomialCount(3, 1e-9); // almost all mass at 0
    assertThat(tiny.quantile(0.5)).isZero();
    assertThat(CountScores.crps(tiny, 2)).isFinite();
    CountDistribution wide = new NegBinomialCount(1e6, 0.05); // P(0) = 0.43, a tail to 1e8
    WindowScore w = WindowScore.of(wide, 4, 10, 0.3);
    assertThat(w.upper90()).isGreaterThan(1_000_000);
    assertThat(w.crps()).isFinite();
  }
}
