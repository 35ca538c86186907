package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import org.junit.jupiter.api.Test;

class AnomalyScoreTest {

  @Test
  void scoreIsTheUpperTailProbabilityOfTheObservedCount() {
    // R: 1 - ppois(4, 2) and pnbinom(9, size = 1.6, mu = 3, lower.tail = FALSE)
    assertThat(AnomalyScore.of(new PoissonCount(2), 5)).isCloseTo(0.052653017343711, within(1e-12));
    assertThat(AnomalyScore.of(new NegBinomialCount(3, 1.6), 10))
        .isCloseTo(0.037811191013121, within(1e-12));
  }

  @Test
  void zeroIsNeverSurprisingAndLargerCountsScoreLower() {
    PoissonCount p = new PoissonCount(4);
    assertThat(AnomalyScore.of(p, 0)).isEqualTo(1.0);
    double previous = 1.0;
    for (long y = 1; y < 30; y++) {
      double s = AnomalyScore.of(p, y);
      assertThat(s).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(0.0);
      previous = s;
    }
    // far in the tail the probability keeps its precision instead of rounding to zero
    assertThat(AnomalyScore.of(p, 40)).isCloseTo(3.00634773812441e-26, within(1e-36));
  }

  @Test
  void windowCarriesTheForecastAndTheAlarm() {
    AnomalyScore.Window w = AnomalyScore.Window.score(7, new PoissonCount(2), 5, 0.06);
    assertThat(w.index()).isEqualTo(7);
    assertThat(w.observed()).isEqualTo(5);
    assertThat(w.expected()).isEqualTo(2.0);
    assertThat(w.upper()).isEqualTo(5); // qpois(0.95, 2)
    assertThat(w.alarm()).isTrue();
    assertThat(AnomalyScore.Window.score(7, new PoissonCount(2), 5, 0.05).alarm()).isFalse();
  }

  @Test
  void thresholdMustBeAProbability() {
    assertThatThrownBy(() -> AnomalyScore.checkThreshold(0)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> AnomalyScore.checkThreshold(1)).hasMessageContaining("between 0 and 1");
    assertThat(AnomalyScore.checkThreshold(0.01)).isEqualTo(0.01);
  }
}
