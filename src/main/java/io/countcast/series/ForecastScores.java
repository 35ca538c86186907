package io.countcast.series;

/**
 * One model's scores over every scored window of a backtest (means over windows; NaN when
 * nothing was scored).
 *
 * @param windows windows scored
 * @param logScore mean log P(Y = y), higher is better
 * @param crps mean ranked probability score for counts, lower is better
 * @param interval80 mean interval (Winkler) score of the central 80% interval, lower is better
 * @param interval90 the same for the central 90% interval
 * @param mae mean |y − predictive median|
 * @param mase MAE divided by the mean in-sample MAE of the seasonal-naive forecast on each
 *     fold's training windows (Hyndman and Koehler's scaling); below 1 beats that naive method
 * @param coverage50 share of y in the central 50% interval [q.25, q.75]
 * @param coverage80 share in [q.10, q.90]
 * @param coverage90 share in [q.05, q.95]
 * @param pit90 share of randomized PIT values in [0.05, 0.95]; 0.90 when calibrated
 * @param brier Brier score of P(Y &gt; K) per window against the surge flag y &gt; K
 */
public record ForecastScores(int windows, double logScore, double crps, double interval80,
                             double interval90, double mae, double mase, double coverage50,
                             double coverage80, double coverage90, double pit90, double brier) { }
