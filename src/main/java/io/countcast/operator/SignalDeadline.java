package io.countcast.operator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the time one CountForecast's signal collection may hold a reconcile thread, so a slow
 * Prometheus (or API server) for one CountForecast cannot keep the others waiting. The work runs
 * on the calling thread; when the limit passes, the thread is interrupted, which makes the
 * blocking HTTP call, a retry back-off or a Kubernetes request give up. The outcome is a
 * {@link Reasons#SIGNAL_DEADLINE_EXCEEDED} problem and one count on
 * {@code countcast_reconcile_deadline_exceeded_total}; the interrupt never leaks to the caller.
 */
final class SignalDeadline {

  /** Longer than one Prometheus request may take (30 s by default) plus a retry. */
  static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "countcast-signal-deadline");
        t.setDaemon(true);
        return t;
      });

  private final Duration limit;
  private final Runnable onExceeded;

  /**
   * @param limit the longest a collection may take
   * @param onExceeded called once for each collection that ran out of time (the metric)
   */
  SignalDeadline(Duration limit, Runnable onExceeded) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("signal deadline must be positive, got " + limit);
    }
    this.limit = limit;
    this.onExceeded = onExceeded;
  }

  Duration limit() {
    return limit;
  }

  /**
   * Runs {@code work} and returns its result, or throws what it threw.
   *
   * @throws ProblemException SignalDeadlineExceeded if the limit passed while it ran, whatever
   *     the work then returned or threw
   */
  <T> T run(String what, Supplier<T> work) {
    Alarm alarm = new Alarm(Thread.currentThread());
    ScheduledFuture<?> timer = TIMER.schedule(alarm::ring, limit.toNanos(), TimeUnit.NANOSECONDS);
    T result = null;
    RuntimeException failure = null;
    boolean rang;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      timer.cancel(false);
      rang = alarm.stop();
    }
    if (rang) {
      onExceeded.run();
      throw new ProblemException(Reasons.SIGNAL_DEADLINE_EXCEEDED, what + " took longer than the"
          + " operator's limit of " + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s"
          : limit.toMillis() + " ms") + " per reconcile and was stopped;"
          + " the next reconcile tries again");
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /**
   * Interrupts the worker at most once, and only before {@link #stop}; both are synchronized so
   * that after stop() no interrupt can arrive, and stop() clears one that did.
   */
  private static final class Alarm {
    private final Thread worker;
    private boolean stopped;
    private boolean rang;

    Alarm(Thread worker) {
      this.worker = worker;
    }

    synchronized void ring() {
      if (!stopped) {
        rang = true;
        worker.interrupt();
      }
    }

    /** Called by the worker: no interrupt after this; clears ours if it came. */
    synchronized boolean stop() {
      if (!stopped) {
        stopped = true;
        if (rang) {
          Thread.interrupted();
        }
      }
      return rang;
    }
  }
}
