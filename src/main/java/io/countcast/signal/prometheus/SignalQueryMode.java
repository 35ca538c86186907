package io.countcast.signal.prometheus;

/** How the error query yields per-window counts. */
public enum SignalQueryMode {
  /**
   * {@code query}: a single-series expression whose value at time {@code t} is the count in
   * {@code (t - window, t]}, typically {@code sum(increase(x[$window]))}. Values are rounded by
   * {@link CountRounding}.
   */
  INCREASE,
  /**
   * {@code counterQuery}: one or more raw counter series (e.g. {@code http_requests_total{...}}),
   * sampled at the window edges and differenced per series with reset handling by
   * {@link CounterDeltas}. Exact for integer counters.
   */
  COUNTER
}
