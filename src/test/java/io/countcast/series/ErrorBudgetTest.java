package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.countcast.series.ErrorBudget.Totals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

  private static final double SHARE_999 = 0.001;
  private static final Duration DAYS_30 = Duration.ofDays(30);

  @Test
  void aQuarterSpentLeavesThreeQuarters() {
    // 1,000,000 requests at 99.9% allow 1,000 errors; 250 spent.
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(250, 1_000_000), new Totals(3, 1_000));

    assertThat(b.allowedErrors()).isCloseTo(1_000, within(1e-9));
    assertThat(b.consumedErrors()).isEqualTo(250);
    assertThat(b.remaining()).isCloseTo(0.75, within(1e-12));
    // 0.3% of the last hour's requests failed: three times the allowed 0.1%.
    assertThat(b.burnRate()).isCloseTo(3.0, within(1e-9));
    assertThat(b.exhausted()).isFalse();
  }

  @Test
  void noRequestsLeaveTheBudgetUntouchedAndNothingBurns() {
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(0, 0), new Totals(0, 0));

    assertThat(b.allowedErrors()).isZero();
    assertThat(b.remaining()).isEqualTo(1.0);
    assertThat(b.burnRate()).isZero();
    assertThat(b.exhausted()).isFalse();
    assertThat(b.untilExhaustedAtCurrentBurn(DAYS_30)).isEmpty();
  }

  @Test
  void anObjectiveOf100AllowsNoError() {
    ErrorBudget clean = ErrorBudget.of(0.0, new Totals(0, 5_000), new Totals(0, 100));
    assertThat(clean.remaining()).isEqualTo(1.0);
    assertThat(clean.burnRate()).isZero();
    assertThat(clean.exhausted()).isFalse();

    ErrorBudget one = ErrorBudget.of(0.0, new Totals(1, 5_000), new Totals(1, 100));
    assertThat(one.remaining()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(one.burnRate()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(one.exhausted()).isTrue();
    assertThat(one.untilExhaustedAtCurrentBurn(DAYS_30)).contains(Duration.ZERO);
  }

  @Test
  void anOverspentBudgetIsNegative() {
    // 3,000 errors against 1,000 allowed: spent twice over.
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(3_000, 1_000_000), new Totals(0, 10));

    assertThat(b.remaining()).isCloseTo(-2.0, within(1e-12));
    assertThat(b.exhausted()).isTrue();
    assertThat(b.burnRate()).isZero();
    assertThat(b.untilExhaustedAtCurrentBurn(DAYS_30)).contains(Duration.ZERO);
  }

  @Test
  void exactlyTheAllowedErrorsSpendTheBudget() {
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(1_000, 1_000_000), new Totals(0, 10));
    assertThat(b.remaining()).isCloseTo(0.0, within(1e-12));
    assertThat(b.exhausted()).isTrue();
  }

  @Test
  void theLastHourIsMeasuredApartFromThePeriod() {
    // A quiet period so far, but the last hour fails 1.44% of requests: the workbook's page
    // threshold of 14.4 at 99.9%.
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(144, 10_000_000),
        new Totals(144, 10_000));
    assertThat(b.remaining()).isCloseTo(1 - 144 / 10_000.0, within(1e-12));
    assertThat(b.burnRate()).isCloseTo(14.4, within(1e-9));
  }

  @Test
  void atTheCurrentBurnTheRestLastsRemainingTimesPeriodOverBurn() {
    // Half the budget left, burning at 2: half a period at twice the sustainable rate = 7.5 d.
    ErrorBudget b = ErrorBudget.of(SHARE_999, new Totals(500, 1_000_000), new Totals(2, 1_000));
    assertThat(b.untilExhaustedAtCurrentBurn(DAYS_30)).contains(Duration.ofHours(180));
  }

  @Test
  void moreErrorsThanRequestsCountAsAllFailed() {
    assertThat(new Totals(12, 10).errorRatio()).isEqualTo(1.0);
    assertThat(new Totals(3, 0).errorRatio()).isEqualTo(1.0);
    assertThat(ErrorBudget.of(SHARE_999, new Totals(0, 100), new Totals(12, 10)).burnRate())
        .isCloseTo(1_000, within(1e-9));
  }

  @Test
  void countsThatAreNotCountsAreRefusedByName() {
    assertThatThrownBy(() -> new Totals(-1, 10)).hasMessageContaining("errors");
    assertThatThrownBy(() -> new Totals(1, Double.NaN)).hasMessageContaining("requests");
    assertThatThrownBy(() -> new Totals(Double.POSITIVE_INFINITY, 1))
        .hasMessageContaining("errors");
    assertThatThrownBy(() -> ErrorBudget.of(1.0, new Totals(0, 0), new Totals(0, 0)))
        .hasMessageContaining("errorShare");
  }
}
