package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.signal.ModelVersion;
import io.countcast.signal.SeriesArrays;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

  private static final long W = 300;
  private static final int DAY = 288;
  private static final long T0 = 1_700_000_000L / 86_400 * 86_400;
  private static final ForecastPlan PLAN = ForecastPlan.of(TestSpecs.minimal()); // daily, 5 min

  /**
   * Three days of requests with a strong daily cycle (peak 3× the trough), errors 1% of them;
   * the last {@code scaled} windows have {@code factor} times the traffic (and the errors).
   */
  private static SeriesArrays traffic(int scaled, double factor) {
    Well19937c rng = new Well19937c(11);
    int n = 3 * DAY;
    long[] starts = new long[n];
    double[] errors = new double[n];
    double[] requests = new double[n];
    for (int i = 0; i < n; i++) {
      starts[i] = T0 + i * W;
      double rate = 2000 * (2 + Math.sin(2 * Math.PI * i / DAY)) * (i >= n - scaled ? factor : 1);
      requests[i] = new PoissonDistribution(rng, rate, 1e-12, 10_000).sample();
      errors[i] = new PoissonDistribution(rng, requests[i] / 100, 1e-12, 10_000).sample();
    }
    return new SeriesArrays(starts, errors, requests);
  }

  private static ModelVersion trainedUpTo(SeriesArrays h, int windows) {
    return new ModelVersion(1, h.epochSeconds()[0], h.epochSeconds()[windows - 1] + W, 1);
  }

  @Test
  void aSeasonalPeakIsNotDriftBecauseTheReferenceIsTheSamePhase() {
    SeriesArrays h = traffic(0, 1);
    // the model saw all but the last hour; the last hour is compared with the same hour before
    DriftCheck.Report report = DriftCheck.of(h, trainedUpTo(h, h.size() - 24), PLAN);
    assertThat(report.recentWindows()).isEqualTo(24);
    assertThat(report.referenceWindows()).isEqualTo(48); // two earlier days of the same hours
    assertThat(report.drifted()).as("%s", report.describe()).isFalse();
    assertThat(report.unseen()).isTrue();
  }

  @Test
  void doubledTrafficIsDriftAndRetrainsOnlyAModelThatHasNotSeenIt() {
    SeriesArrays h = traffic(24, 2);
    DriftCheck.Report report = DriftCheck.of(h, trainedUpTo(h, h.size() - 24), PLAN);
    assertThat(report.threshold()).isCloseTo(18.467 * (1 / 24.0 + 1 / 48.0),
        org.assertj.core.api.Assertions.within(0.01));
    assertThat(report.exposurePsi()).isGreaterThan(report.threshold());
    assertThat(report.countPsi()).isGreaterThan(report.threshold());
    assertThat(report.retrain()).isTrue();
    // A model trained on them too: still drift (most of its data are the old traffic), but no
    // retraining again until a fresh hour has passed.
    DriftCheck.Report after = DriftCheck.of(h, trainedUpTo(h, h.size()), PLAN);
    assertThat(after.drifted()).isTrue();
    assertThat(after.retrain()).isFalse();
  }

  @Test
  void withoutAModelOrEnoughReferenceThereIsNoReport() {
    SeriesArrays h = traffic(0, 1);
    assertThat(DriftCheck.of(h, null, PLAN)).isNull();
    // trained on the last day only: 24 earlier same-phase windows, less than twice the recent
    ModelVersion lastDay = new ModelVersion(1, h.epochSeconds()[2 * DAY - 1],
        h.epochSeconds()[h.size() - 1] + W, 1);
    assertThat(DriftCheck.of(h, lastDay, PLAN)).isNull();
  }
}
