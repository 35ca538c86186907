package io.countcast.operator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a CountForecast is fitted: once it has {@code minSamples} windows, then every
 * {@code trainEvery}, and at once after its spec changes (new generation) or after the operator
 * starts (nothing remembered), so a restarted operator republishes a fresh forecast.
 *
 * <p>A failed fit counts as an attempt, so a model that cannot be fitted is retried every
 * {@code trainEvery}, not on every tick.
 */
final class TrainingSchedule {

  private record Attempt(long generation, Instant at) {}

  private final Map<String, Attempt> lastAttempt = new ConcurrentHashMap<>();

  /** True when the CountForecast {@code uid} should be fitted now. */
  boolean isDue(String uid, long generation, int samples, ForecastSettings settings, Instant now) {
    if (samples < settings.minSamples()) {
      return false;
    }
    Attempt last = lastAttempt.get(uid);
    return last == null || last.generation() != generation
        || !now.isBefore(last.at().plus(settings.trainEvery()));
  }

  /** Records a fit attempt (successful or not) at {@code now}. */
  void attempted(String uid, long generation, Instant now) {
    lastAttempt.put(uid, new Attempt(generation, now));
  }

  /** Forgets a deleted CountForecast. */
  void remove(String uid) {
    lastAttempt.remove(uid);
  }
}
