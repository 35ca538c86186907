package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import java.util.concurrent.Semaphore;

/**
 * The most Prometheus requests an operator has in flight at once, across all its
 * CountForecasts ({@code --prometheus-max-concurrency}): a thousand CountForecasts whose windows
 * complete at the same second queue here instead of landing on Prometheus together. Fair, so a
 * waiting request is not overtaken for ever; waiting is interruptible, so the per-resource
 * deadline ({@code SignalDeadline}) also bounds the wait for a slot. Only the request holds a
 * slot, never a retry's back-off.
 */
public final class PrometheusQueryLimit {

  /** Default of {@code --prometheus-max-concurrency}. */
  public static final int DEFAULT_MAX_CONCURRENCY = 4;

  private final int max;
  private final Semaphore slots;

  /** @param max requests in flight at most, at least 1 */
  public PrometheusQueryLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one concurrent Prometheus request, got " + max);
    }
    this.max = max;
    this.slots = new Semaphore(max, true);
  }

  /** No practical limit: one-off clients (the CLI, tests). */
  public static PrometheusQueryLimit unlimited() {
    return new PrometheusQueryLimit(Integer.MAX_VALUE);
  }

  /** The limit. */
  public int max() {
    return max;
  }

  /** Requests in flight now. */
  public int inFlight() {
    return max - slots.availablePermits();
  }

  /** Requests waiting for a slot now (an estimate, for the gauge). */
  public int waiting() {
    return slots.getQueueLength();
  }

  /** A request's hold on one slot, released by {@link Slot#close()}. */
  @FunctionalInterface
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits for a slot.
   *
   * @throws PrometheusException (unavailable) if the thread is interrupted while waiting, the
   *     interrupt status kept
   */
  public Slot acquire(String what) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(Kind.UNAVAILABLE, what
          + ": interrupted while waiting for one of " + max + " Prometheus request slots", e);
    }
    return slots::release;
  }
}
