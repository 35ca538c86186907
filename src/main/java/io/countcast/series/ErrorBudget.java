package io.countcast.series;

import java.time.Duration;
import java.util.Optional;

/**
 * An SLO's error budget as the Google SRE workbook defines it: over the period, a share
 * {@code 1 − objective} of the requests may fail. Pure arithmetic on counted errors and requests.
 *
 * <p>Edges, each chosen so that alerts on the gauges do the right thing:
 * <ul>
 *   <li>No requests yet: nothing allowed and nothing spent, so {@code remaining} is 1 and the
 *       burn rate 0.</li>
 *   <li>An objective of 100 allows no error: {@code remaining} is 1 without errors and −∞ with
 *       any; the burn rate is 0 without errors and +∞ with any (the status shows such values as
 *       absent, the gauges as ±Inf, which Prometheus compares as expected).</li>
 *   <li>More errors than requests (two queries that disagree) count as an error ratio of 1.</li>
 * </ul>
 *
 * @param errorShare the share of requests allowed to fail, 1 − objective, in [0, 1)
 * @param requests requests counted over the period so far
 * @param consumedErrors errors counted over the period so far
 * @param allowedErrors errorShare × requests
 * @param remaining share of the budget left: 1 untouched, 0 spent, negative when overspent
 * @param burnRate error ratio over the last hour ÷ errorShare; 1 spends the budget exactly over
 *     the period
 */
public record ErrorBudget(double errorShare, double requests, double consumedErrors,
    double allowedErrors, double remaining, double burnRate) {

  /**
   * Errors and requests counted over one span.
   *
   * @param errors failed requests, finite and not negative
   * @param requests all requests, finite and not negative
   */
  public record Totals(double errors, double requests) {

    public Totals {
      check("errors", errors);
      check("requests", requests);
    }

    /** errors ÷ requests, at most 1; 0 without requests or errors, 1 with errors only. */
    public double errorRatio() {
      if (requests > 0) {
        return Math.min(1.0, errors / requests);
      }
      return errors > 0 ? 1.0 : 0.0;
    }

    private static void check(String what, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(what + " must be a finite count of at least 0, got "
            + value);
      }
    }
  }

  /**
   * The budget after {@code period} totals, burning at the error ratio of {@code lastHour}.
   *
   * @param errorShare 1 − objective, in [0, 1)
   */
  public static ErrorBudget of(double errorShare, Totals period, Totals lastHour) {
    if (!(errorShare >= 0 && errorShare < 1)) {
      throw new IllegalArgumentException("errorShare must be in [0, 1), got " + errorShare);
    }
    double allowed = errorShare * period.requests();
    return new ErrorBudget(errorShare, period.requests(), period.errors(), allowed,
        remaining(errorShare, period.errors(), period.requests()), burnRate(errorShare, lastHour));
  }

  /** The burn rate of {@code span}'s totals: their error ratio ÷ errorShare (see the edges). */
  public static double burnRate(double errorShare, Totals span) {
    double ratio = span.errorRatio();
    return errorShare > 0 ? ratio / errorShare : ratio > 0 ? Double.POSITIVE_INFINITY : 0.0;
  }

  /** Share of the budget left after {@code errors} among {@code requests} (see the edges). */
  static double remaining(double errorShare, double errors, double requests) {
    double allowed = errorShare * requests;
    if (allowed > 0) {
      return 1 - errors / allowed;
    }
    return errors > 0 ? Double.NEGATIVE_INFINITY : 1.0;
  }

  /** True when {@code errors} among {@code requests} spend the budget: some error, none left. */
  static boolean spent(double errorShare, double errors, double requests) {
    return errors > 0 && errors >= errorShare * requests;
  }

  /** True when the budget is already spent. */
  public boolean exhausted() {
    return spent(errorShare, consumedErrors, requests);
  }

  /**
   * How long the remaining budget lasts at the current burn rate, the deterministic
   * extrapolation Nobl9 and Honeycomb show: remaining × period ÷ burnRate (a burn rate of 1
   * spends the whole budget in one period). Zero once spent; empty while nothing burns.
   */
  public Optional<Duration> untilExhaustedAtCurrentBurn(Duration period) {
    if (exhausted()) {
      return Optional.of(Duration.ZERO);
    }
    if (!(burnRate > 0) || Double.isInfinite(remaining)) {
      return Optional.empty();
    }
    double seconds = remaining * period.getSeconds() / burnRate;
    return Optional.of(Duration.ofSeconds(Math.round(Math.min(seconds, Long.MAX_VALUE / 2.0))));
  }
}
