package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.model.CountDistribution;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.PoissonCount;
import io.countcast.series.BudgetExhaustion.Exhaustion;
import io.countcast.series.ErrorBudget.Totals;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetExhaustionTest {

  private static final long ORIGIN = 1_700_000_000L;
  private static final long WINDOW = 300L;
  private static final double SHARE = 0.001;

  /** 1,000,000 requests so far, 1,000 errors allowed, {@code errors} spent. */
  private static ErrorBudget budget(double errors) {
    return ErrorBudget.of(SHARE, new Totals(errors, 1_000_000), new Totals(0, 1_000));
  }

  private static PredictiveHorizon horizon(int windows, CountDistribution errors,
      double requests) {
    double[] exposure = new double[windows];
    Arrays.fill(exposure, requests);
    return new PredictiveHorizon(ORIGIN, WINDOW, Collections.nCopies(windows, errors), exposure);
  }

  @Test
  void withoutForecastErrorsAnUntouchedBudgetIsNeverSpent() {
    Exhaustion e = BudgetExhaustion.simulate(budget(0), horizon(12, new PoissonCount(0), 1_000),
        7);
    assertThat(e.probability()).isZero();
    assertThat(e.hasMedian()).isFalse();
    assertThat(e.horizonEndEpochSecond()).isEqualTo(ORIGIN + 12 * WINDOW);
    assertThat(e.paths()).isEqualTo(BudgetExhaustion.MAX_PATHS);
  }

  @Test
  void aSpentBudgetIsExhaustedNow() {
    Exhaustion e = BudgetExhaustion.simulate(budget(1_500), horizon(12, new PoissonCount(0), 1),
        7);
    assertThat(e.probability()).isEqualTo(1.0);
    assertThat(e.medianEpochSecond()).isEqualTo(ORIGIN);
  }

  @Test
  void oneWindowAgreesWithTheTailOfItsDistribution() {
    // 990 of 1,000 spent; the window adds 1,000 requests (one more allowed error), so the budget
    // is spent when the window has at least 11 errors: P(Y >= 11) = P(Y > 10).
    CountDistribution errors = new NegBinomialCount(8, 3);
    Exhaustion e = BudgetExhaustion.simulate(budget(990), horizon(1, errors, 1_000), 11);
    double exact = errors.exceedance(10);
    // 2,000 paths: a standard error of at most 0.011.
    assertThat(e.probability()).isCloseTo(exact, within(0.035));
    assertThat(e.paths()).isEqualTo(BudgetExhaustion.MAX_PATHS);
  }

  @Test
  void theMedianTimeIsTheWindowWhereHalfThePathsHaveSpentIt() {
    // 100 allowed errors left (10 requests a window add almost none), 20 expected per window:
    // nearly every path spends it in window 5 or 6 (100 / 20).
    Exhaustion e = BudgetExhaustion.simulate(budget(900), horizon(24, new PoissonCount(20), 10),
        3);
    assertThat(e.probability()).isEqualTo(1.0);
    assertThat(e.medianEpochSecond()).isBetween(ORIGIN + 5 * WINDOW, ORIGIN + 6 * WINDOW);
  }

  @Test
  void theSameSeedGivesTheSameAnswerAndALongHorizonStaysBounded() {
    PredictiveHorizon h = horizon(2_016, new NegBinomialCount(0.5, 0.4), 3_000);
    Exhaustion a = BudgetExhaustion.simulate(budget(600), h, 42);
    Exhaustion b = BudgetExhaustion.simulate(budget(600), h, 42);
    assertThat(a).isEqualTo(b);
    assertThat(a.paths()).isEqualTo(BudgetExhaustion.MIN_PATHS);
    assertThat(a.probability()).isBetween(0.0, 1.0);
  }

  @Test
  void tabulatedDrawsAreTheQuantilesOfTheirLevels() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (CountDistribution d : List.of(new PoissonCount(0.2), new PoissonCount(40),
        new NegBinomialCount(3, 0.3), new NegBinomialCount(500, 2))) {
      double[] u = random.doubles(500).toArray();
      long[] drawn = new long[u.length];
      BudgetExhaustion.draw(d, u, drawn);
      for (int i = 0; i < u.length; i++) {
        assertThat(drawn[i]).as("%s at %s", d, u[i]).isEqualTo(d.quantile(u[i]));
      }
    }
  }

  @Test
  void moreForecastErrorsMakeExhaustionMoreLikely() {
    double low = BudgetExhaustion.simulate(budget(950), horizon(12, new PoissonCount(3), 1_000),
        5).probability();
    double high = BudgetExhaustion.simulate(budget(950),
        horizon(12, new PoissonCount(6), 1_000), 5).probability();
    assertThat(high).isGreaterThan(low);
    assertThat(List.of(low, high)).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
  }
}
