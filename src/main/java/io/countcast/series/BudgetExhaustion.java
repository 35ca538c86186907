package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When an error budget runs out, by simulation: paths of errors are drawn window by window from
 * the predictive distribution of each window of the horizon (inverse CDF, so any family works)
 * and added to the errors already counted; requests grow by each window's forecast exposure. A
 * path spends the budget at the end of the first window where its errors reach
 * {@code errorShare × requests}.
 *
 * <p>Assumptions, stated in docs/slo.md: windows are drawn independently given their forecast
 * means (bursts that cluster make the real chance somewhat higher); the requests follow their
 * forecast exactly; and the windows that leave the rolling period during the horizon are not
 * subtracted (a horizon is short next to a period). The probability covers the horizon only:
 * "spent within the horizon", not "spent before a period that ends weeks later".
 *
 * <p>Deterministic for a given seed; the cost is bounded by {@value #MAX_DRAWS} draws (at least
 * {@value #MIN_PATHS} paths, at most {@value #MAX_PATHS}).
 */
public final class BudgetExhaustion {

  /** Draws per simulation, spread over the paths; bounds the cost of a long horizon. */
  static final int MAX_DRAWS = 100_000;
  /** Fewest paths: a probability to about ±0.035 (two standard errors at 0.5). */
  static final int MIN_PATHS = 200;
  /** Most paths: a probability to about ±0.02. */
  static final int MAX_PATHS = 2_000;

  /** Widest CDF table (counts between the smallest and largest draw of one window). */
  static final int MAX_TABLE = 1 << 16;

  private BudgetExhaustion() {}

  /**
   * The forecast exhaustion of {@code budget} over {@code horizon}.
   *
   * @param budget the budget counted up to the horizon's origin
   * @param horizon error distributions and forecast requests of each window
   * @param seed the random seed; equal inputs and seed give equal results
   */
  public static Exhaustion simulate(ErrorBudget budget, PredictiveHorizon horizon, long seed) {
    long horizonEnd = horizon.endOf(horizon.size() - 1);
    if (budget.exhausted()) {
      return new Exhaustion(1.0, horizon.originEpochSecond(), 0, horizonEnd);
    }
    int windows = horizon.size();
    int paths = Math.max(MIN_PATHS, Math.min(MAX_PATHS, MAX_DRAWS / windows));
    double[] requests = horizon.exposure();
    SplittableRandom random = new SplittableRandom(seed);
    double[] errors = new double[paths];
    Arrays.fill(errors, budget.consumedErrors());
    long[] spentAt = new long[paths];
    Arrays.fill(spentAt, Long.MAX_VALUE);
    double[] u = new double[paths];
    long[] drawn = new long[paths];
    double r = budget.requests();
    int spent = 0;
    // Window by window over all paths, so each window's distribution is tabulated once.
    for (int h = 0; h < windows && spent < paths; h++) {
      for (int p = 0; p < paths; p++) {
        u[p] = random.nextDouble();
      }
      draw(horizon.counts().get(h), u, drawn);
      r += requests[h];
      for (int p = 0; p < paths; p++) {
        if (spentAt[p] == Long.MAX_VALUE) {
          errors[p] += drawn[p];
          if (ErrorBudget.spent(budget.errorShare(), errors[p], r)) {
            spentAt[p] = horizon.endOf(h);
            spent++;
          }
        }
      }
    }
    Arrays.sort(spentAt);
    long median = spentAt[(paths - 1) / 2];
    return new Exhaustion((double) spent / paths,
        median == Long.MAX_VALUE ? -1 : median, paths, horizonEnd);
  }

  /**
   * Inverse-CDF draws: {@code out[i]} is the smallest k with F(k) ≥ u[i], as
   * {@link CountDistribution#quantile} gives, from one table of the CDF between the quantiles of
   * the smallest and largest u (a few CDF and PMF calls per window instead of a quantile search
   * per draw); a distribution too wide for a table falls back to one search per draw.
   */
  static void draw(CountDistribution d, double[] u, long[] out) {
    double lo = 1;
    double hi = 0;
    for (double v : u) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    long first = d.quantile(lo);
    long last = d.quantile(hi);
    if (last - first >= MAX_TABLE) {
      for (int i = 0; i < u.length; i++) {
        out[i] = d.quantile(u[i]);
      }
      return;
    }
    int n = (int) (last - first + 1);
    double[] cdf = new double[n];
    double f = first == 0 ? 0 : d.cdf(first - 1);
    for (int j = 0; j < n; j++) {
      f += d.pmf(first + j);
      cdf[j] = f;
    }
    cdf[n - 1] = Double.POSITIVE_INFINITY; // the quantile of the largest u, whatever the rounding
    for (int i = 0; i < u.length; i++) {
      int j = Arrays.binarySearch(cdf, u[i] * (1 - 64 * Math.ulp(1.0)));
      if (j < 0) {
        j = -j - 1;
      } else {
        while (j > 0 && cdf[j - 1] == cdf[j]) {
          j--;
        }
      }
      out[i] = first + j;
    }
  }

  /**
   * The outcome of a simulation.
   *
   * @param probability share of the paths that spend the budget within the horizon
   * @param medianEpochSecond median time of exhaustion (epoch seconds) when at least half of
   *     the paths spend it within the horizon, else −1
   * @param paths paths simulated (0 when the budget was already spent)
   * @param horizonEndEpochSecond end of the horizon the probability covers
   */
  public record Exhaustion(double probability, long medianEpochSecond, int paths,
      long horizonEndEpochSecond) {

    /** True when the median time of exhaustion falls within the horizon. */
    public boolean hasMedian() {
      return medianEpochSecond >= 0;
    }
  }
}
