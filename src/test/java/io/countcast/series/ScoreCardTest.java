package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ScoreCardTest {

  @Test
  void scoresOneObservationByTheirDefinitions() {
    ScoreCard card = new ScoreCard();
    PoissonCount p = new PoissonCount(2.0);
    card.add(WindowScore.of(p, 5, 3, 0.5), 1.0);
    ForecastScores s = card.scores();
    assertThat(s.mae()).isEqualTo(5 - p.quantile(0.5));
    assertThat(s.logScore()).isCloseTo(p.logPmf(5), within(1e-12));
    assertThat(s.coverage90()).isEqualTo(p.quantile(0.95) >= 5 ? 1.0 : 0.0);
    double exceed = p.exceedance(3);
    assertThat(s.brier()).isCloseTo((exceed - 1) * (exceed - 1), within(1e-12));
  }

  @Test
  void calibratedForecastsOfSmallCountsGivePit90NearNinetyPercent() {
    // NB2 with mean 0.7 and size 2: mostly zeros, where plain coverage overshoots
    NegBinomialCount truth = new NegBinomialCount(0.7, 2.0);
    PascalDistribution sampler = new PascalDistribution(new Well19937c(3), 2, 2.0 / 2.7);
    SplittableRandom v = new SplittableRandom(11);
    ScoreCard card = new ScoreCard();
    for (int i = 0; i < 8_000; i++) {
      card.add(WindowScore.of(truth, sampler.sample(), 1, v.nextDouble()), 1.0);
    }
    assertThat(card.scores().pit90()).isCloseTo(0.90, within(0.012));
    assertThat(card.scores().coverage90()).isGreaterThan(0.93);
  }

  @Test
  void summaryOfTwoWindowsByHand() {
    // Poisson(2): median 2, q.05 0, q.95 5, q.10 0, q.90 4, q.25 1, q.75 3
    ScoreCard card = new ScoreCard();
    PoissonCount p = new PoissonCount(2);
    card.add(WindowScore.of(p, 0, 3, 0.5), 1.0);
    card.add(WindowScore.of(p, 7, 3, 0.5), 3.0);
    ForecastScores s = card.scores();
    assertThat(s.windows()).isEqualTo(2);
    assertThat(s.mae()).isCloseTo((2 + 5) / 2.0, within(1e-12));
    assertThat(s.mase()).isCloseTo(3.5 / 2.0, within(1e-12)); // mean |e| / mean scale
    assertThat(s.coverage90()).isEqualTo(0.5);  // 0 in [0, 5], 7 not
    assertThat(s.coverage80()).isEqualTo(0.5);  // 0 in [0, 4]
    assertThat(s.coverage50()).isEqualTo(0.0);  // [1, 3] holds neither
    // interval90: 5 and 5 + 20·2; interval80: 4 and 4 + 10·3
    assertThat(s.interval90()).isCloseTo((5 + 45) / 2.0, within(1e-12));
    assertThat(s.interval80()).isCloseTo((4 + 34) / 2.0, within(1e-12));
    double e2 = Math.exp(-2);
    double logScore = (Math.log(e2) + Math.log(e2 * Math.pow(2, 7) / 5040)) / 2;
    assertThat(s.logScore()).isCloseTo(logScore, within(1e-12));
    double exceed = p.exceedance(3); // P(Y > 3) = 1 − e^-2 (1 + 2 + 2 + 4/3)
    assertThat(exceed).isCloseTo(1 - e2 * (1 + 2 + 2 + 4.0 / 3), within(1e-12));
    assertThat(s.brier()).isCloseTo((exceed * exceed + (1 - exceed) * (1 - exceed)) / 2,
        within(1e-12));
    // pit: y = 0 → 0.5·F(0); y = 7 → F(6) + 0.5·P(7); F(6) = 0.99547, so outside [.05, .95]
    assertThat(s.pit90()).isEqualTo(0.5);
    assertThat(s.crps()).isCloseTo(
        (CountScores.crps(p, 0) + CountScores.crps(p, 7)) / 2, within(1e-12));
  }
}
