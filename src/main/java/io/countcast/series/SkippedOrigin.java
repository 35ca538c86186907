package io.countcast.series;

/**
 * A fold origin that could not be scored, and why (for example no model could be fitted on its
 * training span). The backtest goes on without it.
 *
 * @param origin the origin (epoch seconds, or a row index in row mode)
 * @param reason one line saying what went wrong
 */
public record SkippedOrigin(long origin, String reason) { }
