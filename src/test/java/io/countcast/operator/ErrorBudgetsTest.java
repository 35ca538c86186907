package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ErrorBudgetStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.model.PoissonCount;
import io.countcast.series.ErrorBudget.Totals;
import io.countcast.series.PredictiveHorizon;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBudgetsTest {

  private static final long UNTIL = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private static final ForecastPlan.SloPlan SLO =
      new ForecastPlan.SloPlan("99.9", 0.999, "30d", Duration.ofDays(30));

  /** 1,000,000 requests in the period, {@code errors} of them failed; 0.2% failed last hour. */
  private static SignalCollectors.SloCounts counts(double errors) {
    // 5m, 30m, 1h and 6h.
    return new SignalCollectors.SloCounts(UNTIL, new Totals(errors, 1_000_000),
        List.of(new Totals(0, 800), new Totals(1, 5_000), new Totals(20, 10_000),
            new Totals(30, 60_000)));
  }

  /** A trained forecast of 12 five-minute windows of Poisson errors and 10,000 requests each. */
  private static TrainedForecast trained(double errorsPerWindow) {
    double[] requests = new double[12];
    java.util.Arrays.fill(requests, 10_000);
    PredictiveHorizon horizon = new PredictiveHorizon(UNTIL, 300,
        Collections.nCopies(12, new PoissonCount(errorsPerWindow)), requests);
    List<ForecastWindow> windows = new java.util.ArrayList<>(12);
    for (int h = 0; h < 12; h++) {
      ForecastWindow window = new ForecastWindow();
      window.setStart(java.time.Instant.ofEpochSecond(UNTIL + 300L * h).toString());
      window.setEnd(java.time.Instant.ofEpochSecond(UNTIL + 300L * (h + 1)).toString());
      window.setExpected(errorsPerWindow);
      windows.add(window);
    }
    return new TrainedForecast(new ModelStatus(), windows, null, null, 100, horizon);
  }

  @Test
  void withoutAnSloThereIsNoBudget() {
    assertThat(ErrorBudgets.next(new ErrorBudgetStatus(), null, counts(0), trained(1))).isNull();
  }

  @Test
  void theBudgetFollowsTheCountsAndTheBurnTheLastHour() {
    ErrorBudgetStatus s = ErrorBudgets.next(null, SLO, counts(400), null);

    assertThat(s.getObjective()).isEqualTo("99.9");
    assertThat(s.getPeriod()).isEqualTo("30d");
    assertThat(s.getCountedUntil()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(s.getRequests()).isEqualTo(1_000_000.0);
    assertThat(s.getAllowedErrors()).isEqualTo(1_000.0);
    assertThat(s.getConsumedErrors()).isEqualTo(400.0);
    assertThat(s.getRemaining()).isEqualTo(0.6);
    assertThat(s.getBurnRate()).isEqualTo(2.0);
    assertThat(s.getBurnRates()).containsExactly(java.util.Map.entry("5m", 0.0),
        java.util.Map.entry("30m", 0.2), java.util.Map.entry("1h", 2.0),
        java.util.Map.entry("6h", 0.5));
    // 0.6 of 30 days at twice the sustainable burn: 9 days.
    assertThat(s.getExhaustionTimeAtCurrentBurn()).isEqualTo("2026-01-10T00:00:00Z");
    assertThat(s.getExhaustionProbability()).isNull();
  }

  @Test
  void aTrainingSimulatesExhaustionOverItsHorizon() {
    // 995 of 1,000 spent; each window adds 10 allowed errors and 30 expected: spent in the first
    // window or two on nearly every path.
    ErrorBudgetStatus s = ErrorBudgets.next(null, SLO, counts(995), trained(30));

    assertThat(s.getExhaustionProbability()).isEqualTo(1.0);
    assertThat(s.getExhaustionHorizonEnd()).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(s.getExhaustionTime()).isIn("2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z");

    ErrorBudgetStatus quiet = ErrorBudgets.next(null, SLO, counts(100), trained(0.01));
    assertThat(quiet.getExhaustionProbability()).isZero();
    assertThat(quiet.getExhaustionTime()).isNull();
  }

  @Test
  void betweenTrainingsTheLastSimulationIsKeptAndWithoutCountsTheWholeBudget() {
    ErrorBudgetStatus trainedNow = ErrorBudgets.next(null, SLO, counts(995), trained(30));
    ErrorBudgetStatus nextWindow = ErrorBudgets.next(trainedNow, SLO, counts(996), null);

    assertThat(nextWindow.getConsumedErrors()).isEqualTo(996.0);
    assertThat(nextWindow.getExhaustionProbability())
        .isEqualTo(trainedNow.getExhaustionProbability());
    assertThat(nextWindow.getExhaustionTime()).isEqualTo(trainedNow.getExhaustionTime());
    assertThat(ErrorBudgets.next(nextWindow, SLO, null, null)).isSameAs(nextWindow);
  }

  @Test
  void aSpentBudgetIsExhaustedNowWhateverTheLastSimulationSaid() {
    ErrorBudgetStatus quiet = ErrorBudgets.next(null, SLO, counts(100), trained(0.01));
    ErrorBudgetStatus spent = ErrorBudgets.next(quiet, SLO, counts(1_200), null);

    assertThat(spent.getRemaining()).isEqualTo(-0.2);
    assertThat(spent.getExhaustionProbability()).isEqualTo(1.0);
    assertThat(spent.getExhaustionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(spent.getExhaustionTimeAtCurrentBurn()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(spent.getExhaustionHorizonEnd()).isEqualTo(quiet.getExhaustionHorizonEnd());
    assertThat(ErrorBudgets.next(null, SLO, counts(1_200), trained(1)).getExhaustionHorizonEnd())
        .isEqualTo("2026-01-01T01:00:00Z");
  }

  @Test
  void anObjectiveOf100WithAnErrorShowsNoFiniteRemainingOrBurn() {
    ForecastPlan.SloPlan hundred = new ForecastPlan.SloPlan("100", 1.0, "7d", Duration.ofDays(7));
    ErrorBudgetStatus s = ErrorBudgets.next(null, hundred, counts(1), null);

    assertThat(s.getAllowedErrors()).isZero();
    assertThat(s.getRemaining()).isNull();
    assertThat(s.getBurnRate()).isNull();
    assertThat(s.getBurnRates()).containsOnlyKeys("5m");
    assertThat(s.getExhaustionProbability()).isEqualTo(1.0);
  }
}
