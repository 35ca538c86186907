package io.countcast.operator;

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
        || !now.isBefore(last.at().plus(model.trainEvery()));
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
