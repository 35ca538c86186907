package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ScoreCardTest {

  @Test
  void scoresOneObservationByTheirDefinitions() {
    ScoreCard card = new ScoreCard(7);
    PoissonCount p = new PoissonCount(2.0);
    card.add(p, 5, 3);
    assertThat(card.mae()).isEqualTo(5 - p.quantile(0.5));
    assertThat(card.logScore()).isCloseTo(p.logPmf(5), within(1e-12));
    assertThat(card.coverage90()).isEqualTo(p.quantile(0.95) >= 5 ? 1.0 : 0.0);
    double exceed = p.exceedance(3);
    assertThat(card.brier()).isCloseTo((exceed - 1) * (exceed - 1), within(1e-12));
  }

  @Test
  void calibratedForecastsOfSmallCountsGivePit90NearNinetyPercent() {
    // NB2 with mean 0.7 and size 2: mostly zeros, where plain coverage overshoots
    NegBinomialCount truth = new NegBinomialCount(0.7, 2.0);
    PascalDistribution sampler = new PascalDistribution(new Well19937c(3), 2, 2.0 / 2.7);
    ScoreCard card = new ScoreCard(11);
    for (int i = 0; i < 8_000; i++) {
      card.add(truth, sampler.sample(), 1);
    }
    assertThat(card.pit90()).isCloseTo(0.90, within(0.012));
    assertThat(card.coverage90()).isGreaterThan(0.93);
  }

  @Test
  void theSameSeedGivesTheSamePit() {
    ScoreCard a = new ScoreCard(5);
    ScoreCard b = new ScoreCard(5);
    for (int y = 0; y < 50; y++) {
      a.add(new PoissonCount(3), y % 7, 2);
      b.add(new PoissonCount(3), y % 7, 2);
    }
    assertThat(a.pit90()).isEqualTo(b.pit90());
  }
}
