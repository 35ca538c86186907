package io.countcast.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a CountForecast is fitted: once it has {@code minSamples} windows, then every
 * {@code trainEvery}, and at once after its spec changes (new generation) or after the operator
 * starts (nothing remembered), so a restarted operator republishes a fresh forecast.
 *
 * <p>A failed fit counts as an attempt, so a model that cannot be fitted is retried every
 * {@code trainEvery}, not on every tick; until then the failure is remembered, so it stays
 * reported instead of flapping with every tick that does not fit.
 *
 * <p>Refits are spread over time: each CountForecast refits at its own phase of the
 * {@code trainEvery} period, derived from its uid ({@link #nextFit}), so a thousand CountForecasts
 * created together with the same {@code trainEvery} do not all refit in the same second. After
 * the first fit (which happens as soon as it may) the next comes at the first phase point at
 * least half a period later, then exactly every {@code trainEvery}. The reconciler ticks at that
 * moment ({@link #untilDue}), not only at the signal's own ticks.
 */
final class TrainingSchedule {

  private record Attempt(long generation, Instant at, Problem failure) {}

  private final Map<String, Attempt> lastAttempt = new ConcurrentHashMap<>();

  /** True when the CountForecast {@code uid} should be fitted now. */
  boolean isDue(String uid, long generation, int samples, ForecastPlan.ModelPlan model,
      Instant now) {
    if (samples < model.minSamples()) {
      return false;
    }
    Attempt last = lastAttempt.get(uid);
    return last == null || last.generation() != generation
        || !now.isBefore(nextFit(uid, last.at(), model.trainEvery()));
  }

  /**
   * Time from {@code now} until the CountForecast {@code uid} is due for a fit (zero if it is
   * due now), or null while it has fewer than {@code minSamples} windows (then the signal's
   * ticks decide when it is looked at again).
   */
  Duration untilDue(String uid, long generation, int samples, ForecastPlan.ModelPlan model,
      Instant now) {
    if (samples < model.minSamples()) {
      return null;
    }
    Attempt last = lastAttempt.get(uid);
    if (last == null || last.generation() != generation) {
      return Duration.ZERO;
    }
    Instant next = nextFit(uid, last.at(), model.trainEvery());
    return now.isBefore(next) ? Duration.between(now, next) : Duration.ZERO;
  }

  /**
   * The first instant at least half of {@code every} after {@code last} whose offset within the
   * period (counted from the epoch) is the uid's phase: a deterministic point in
   * {@code [0, every)} from the uid ({@link UidPhase}), so refits of CountForecasts with equal
   * {@code trainEvery} are spread evenly over the period and stay where they are across
   * operator restarts.
   */
  static Instant nextFit(String uid, Instant last, Duration every) {
    long period = Math.max(1, every.toMillis());
    long phase = UidPhase.of(uid, period);
    long earliest = last.toEpochMilli() + period / 2;
    return Instant.ofEpochMilli(earliest + Math.floorMod(phase - earliest, period));
  }

  /** Records a successful fit at {@code now}. */
  void succeeded(String uid, long generation, Instant now) {
    lastAttempt.put(uid, new Attempt(generation, now, null));
  }

  /** Records a failed fit at {@code now}. */
  void failed(String uid, long generation, Instant now, Problem failure) {
    lastAttempt.put(uid, new Attempt(generation, now, failure));
  }

  /** The failure of the last fit of this generation, if the last fit failed. */
  Optional<Problem> lastFailure(String uid, long generation) {
    Attempt last = lastAttempt.get(uid);
    return last == null || last.generation() != generation ? Optional.empty()
        : Optional.ofNullable(last.failure());
  }

  /** Forgets a deleted CountForecast. */
  void remove(String uid) {
    lastAttempt.remove(uid);
  }
}
