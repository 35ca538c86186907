package io.countcast.operator;

import io.countcast.api.ErrorBudgetStatus;
import io.countcast.series.BudgetExhaustion;
import io.countcast.series.ErrorBudget;
import io.countcast.series.PredictiveHorizon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * status.errorBudget from the SLO's counts and the latest training. Pure, so every rule is
 * unit-tested:
 * <ul>
 *   <li>Without spec.slo there is no error budget in status.</li>
 *   <li>While the counts cannot be read (Prometheus down, no window yet), the last error budget
 *       is kept as it was (the Degraded condition says why).</li>
 *   <li>The budget and burn rate follow the counts of every new window; the exhaustion
 *       probability and its median time are simulated at each training (from the forecast
 *       that training made) and kept until the next one, except that a budget already spent
 *       is exhausted with probability 1 now.</li>
 * </ul>
 * Numbers are rounded as people read them: counts to 2 decimals, remaining to 4, burn rate and
 * probability to 3.
 */
final class ErrorBudgets {

  /** The simulation's seed: equal forecasts and counts give an equal status. */
  static final long SEED = 16L;

  private ErrorBudgets() {}

  /**
   * The next status.errorBudget.
   *
   * @param previous the current status.errorBudget, or null
   * @param slo the plan's SLO, or null without spec.slo
   * @param counts this tick's counts, or null when they could not be read
   * @param trained this tick's training, or null
   */
  static ErrorBudgetStatus next(ErrorBudgetStatus previous, ForecastPlan.SloPlan slo,
      SignalCollectors.SloCounts counts, TrainedForecast trained) {
    if (slo == null) {
      return null;
    }
    if (counts == null) {
      return previous;
    }
    ErrorBudget budget = ErrorBudget.of(slo.errorShare(), counts.period(), counts.lastHour());
    ErrorBudgetStatus out = new ErrorBudgetStatus();
    out.setObjective(slo.objectiveText());
    out.setPeriod(slo.periodText());
    Instant until = Instant.ofEpochSecond(counts.countedUntil());
    out.setCountedUntil(StatusAggregator.rfc3339(until));
    out.setRequests(round(budget.requests(), 2));
    out.setAllowedErrors(round(budget.allowedErrors(), 2));
    out.setConsumedErrors(round(budget.consumedErrors(), 2));
    out.setRemaining(finiteOrNull(round(budget.remaining(), 4)));
    out.setBurnRate(finiteOrNull(round(budget.burnRate(), 3)));
    Map<String, Double> burnRates = new LinkedHashMap<>();
    for (int i = 0; i < SignalCollectors.BURN_WINDOWS.size(); i++) {
      double rate = ErrorBudget.burnRate(slo.errorShare(), counts.burnWindows().get(i));
      if (Double.isFinite(rate)) {
        burnRates.put(WindowMath.format(SignalCollectors.BURN_WINDOWS.get(i)), round(rate, 3));
      }
    }
    out.setBurnRates(burnRates);
    budget.untilExhaustedAtCurrentBurn(slo.period()).ifPresent(d ->
        out.setExhaustionTimeAtCurrentBurn(time(until, d)));
    if (budget.exhausted()) {
      out.setExhaustionProbability(1.0);
      out.setExhaustionTime(out.getCountedUntil());
      out.setExhaustionHorizonEnd(trained != null && trained.predictive() != null
          ? horizonEnd(trained) : previous == null ? null : previous.getExhaustionHorizonEnd());
    } else if (trained != null && trained.predictive() != null) {
      BudgetExhaustion.Exhaustion e = BudgetExhaustion.simulate(budget, trained.predictive(),
          SEED);
      out.setExhaustionProbability(round(e.probability(), 3));
      out.setExhaustionHorizonEnd(horizonEnd(trained));
      out.setExhaustionTime(e.hasMedian()
          ? StatusAggregator.rfc3339(Instant.ofEpochSecond(e.medianEpochSecond())) : null);
    } else if (previous != null) {
      out.setExhaustionProbability(previous.getExhaustionProbability());
      out.setExhaustionHorizonEnd(previous.getExhaustionHorizonEnd());
      out.setExhaustionTime(previous.getExhaustionTime());
    }
    return out;
  }

  /** The end of the trained forecast's horizon, the span an exhaustion probability covers. */
  private static String horizonEnd(TrainedForecast trained) {
    PredictiveHorizon horizon = trained.predictive();
    return StatusAggregator.rfc3339(Instant.ofEpochSecond(horizon.endOf(horizon.size() - 1)));
  }

  /** {@code from + d}, or absent when that is beyond what a timestamp can show. */
  private static String time(Instant from, Duration d) {
    try {
      Instant t = from.plus(d);
      return t.isAfter(Instant.parse("9999-12-31T23:59:59Z")) ? null : StatusAggregator.rfc3339(t);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static double round(double value, int places) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue() : value;
  }
}
