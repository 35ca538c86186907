package io.countcast.series;

import io.countcast.model.CountDistribution;
import java.util.SplittableRandom;

/**
 * Accumulates forecast scores of one model over observed windows.
 *
 * <ul>
 *   <li>MAE of the predictive median (the point forecast that minimises absolute error);
 *   <li>log score: mean log P(Y = y_obs), higher is better;
 *   <li>coverage of the central 50% and 90% intervals [q(.25), q(.75)] and [q(.05), q(.95)];
 *   <li>pit90: share of randomized PIT values u = F(y−1) + V·(F(y) − F(y−1)), V ~ U(0,1), in
 *       [0.05, 0.95] (0.90 for a calibrated forecast, whatever the counts);
 *   <li>Brier score of P(Y &gt; K).
 * </ul>
 */
final class ScoreCard {

  private final SplittableRandom random;
  private int n;
  private double absError;
  private double logScore;
  private int in50;
  private int in90;
  private int pitInside;
  private double brier;

  /** @param seed seed of the PIT randomisation, so reruns give the same pit90 */
  ScoreCard(long seed) {
    this.random = new SplittableRandom(seed);
  }

  void add(CountDistribution p, long y, long threshold) {
    n++;
    absError += Math.abs(y - p.quantile(0.5));
    logScore += p.logPmf(y);
    in50 += p.quantile(0.25) <= y && y <= p.quantile(0.75) ? 1 : 0;
    in90 += p.quantile(0.05) <= y && y <= p.quantile(0.95) ? 1 : 0;
    double below = p.cdf(y - 1);
    double u = below + random.nextDouble() * (p.cdf(y) - below);
    pitInside += u >= 0.05 && u <= 0.95 ? 1 : 0;
    double exceed = p.exceedance(threshold);
    double outcome = y > threshold ? 1 : 0;
    brier += (exceed - outcome) * (exceed - outcome);
  }

  int count() {
    return n;
  }

  double mae() {
    return absError / n;
  }

  double logScore() {
    return logScore / n;
  }

  double coverage50() {
    return (double) in50 / n;
  }

  double coverage90() {
    return (double) in90 / n;
  }

  double pit90() {
    return (double) pitInside / n;
  }

  double brier() {
    return brier / n;
  }
}
