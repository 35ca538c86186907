package io.countcast.signal.prometheus;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and full jitter: before retry {@code k} (1-based) the
 * client sleeps a uniform random time in {@code [0, min(maxBackoff, initialBackoff * 2^(k-1))]}.
 * Full jitter keeps many operator replicas (or many resources) from retrying in lock step.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff cap of the first sleep
 * @param maxBackoff cap of any sleep
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + ", " + maxBackoff);
    }
  }

  /** 4 attempts, sleeps capped at 0.5 s, 1 s, 2 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  /** A single attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /** Sleep before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry, RandomGenerator random) {
    long cap = initialBackoff.toMillis();
    for (int i = 1; i < retry && cap < maxBackoff.toMillis(); i++) {
      cap *= 2;
    }
    cap = Math.min(cap, maxBackoff.toMillis());
    return Duration.ofMillis(cap == 0 ? 0 : random.nextLong(cap + 1));
  }
}
