package io.countcast.series;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;

/**
 * The seasonal-naive baseline with an NB2 spread: the forecast mean for a window is the count
 * one season earlier (the most recent same-phase window at or before the origin, with the
 * carry-forward fallback over gaps), and θ is fitted by maximum likelihood to the training
 * windows' counts around their own season-ago means.
 *
 * <p>A season-ago count of zero would give a point mass at zero, so zero means are replaced by
 * the mean training count among windows whose season-ago count was zero (at least 0.01): the
 * baseline's best constant for "it was quiet last season".
 */
final class SeasonalNaive {

  private final long seasonWindows;
  private final double theta;
  private final double zeroMean;

  private SeasonalNaive(long seasonWindows, double theta, double zeroMean) {
    this.seasonWindows = seasonWindows;
    this.theta = theta;
    this.zeroMean = zeroMean;
  }

  /** Fits the spread on the observed windows of the training span. */
  static SeasonalNaive fit(CountSeries series, TrainingWindow window, long seasonSeconds) {
    long season = Math.max(1, seasonSeconds / series.windowSeconds());
    SlotHistory history = window.history();
    long[] starts = window.starts();
    int from = series.lowerBound(starts.length == 0 ? window.origin() : starts[0]);
    double[] y = new double[starts.length];
    double[] naive = new double[starts.length];
    int m = 0;
    double zeroSum = 0;
    int zeroCount = 0;
    for (int r = 0; r < starts.length; r++) {
      long source = history.count(Math.toIntExact(history.slotOf(starts[r]) - season));
      if (source < 0) {
        continue;
      }
      y[m] = series.count(from + r);
      naive[m] = source;
      if (source == 0) {
        zeroSum += y[m];
        zeroCount++;
      }
      m++;
    }
    double zeroMean = Math.max(0.01, zeroCount == 0 ? 0.5 : zeroSum / zeroCount);
    double[] yy = java.util.Arrays.copyOf(y, m);
    double[] mu = new double[m];
    for (int i = 0; i < m; i++) {
      mu[i] = naive[i] > 0 ? naive[i] : zeroMean;
    }
    double theta = m == 0 ? 1.0 : Nb2Theta.maximumLikelihood(yy, mu, Nb2Theta.moment(yy, mu));
    return new SeasonalNaive(season, theta, zeroMean);
  }

  /** The predictive distribution of the window {@code step} windows after the origin. */
  CountDistribution predict(CountEngine engine, SlotHistory history, long origin, int step) {
    int target = history.slotOf(origin) + step - 1;
    int originSlot = history.slotOf(origin);
    long back = seasonWindows * ((target - originSlot) / seasonWindows + 1);
    long source = history.count(Math.toIntExact(target - back));
    double mean = source > 0 ? source : zeroMean;
    return engine.distribution(Family.NB2, mean, theta, 0);
  }

  double theta() {
    return theta;
  }
}
