package io.countcast.operator;

/**
 * A CountForecast's deterministic point within a period, from its uid: spreads periodic work
 * (refits, {@link TrainingSchedule#nextFit}; the closing tick of a restart window,
 * {@link TickSchedule#untilNextTick}) of many CountForecasts with equal periods evenly over the
 * period, and keeps each one where it is across operator restarts and shard moves.
 */
final class UidPhase {

  private UidPhase() {}

  /** A point in {@code [0, period)} (milliseconds or any unit) from the uid's hash. */
  static long of(String uid, long period) {
    return Math.floorMod(mix(uid.hashCode()), Math.max(1, period));
  }

  /** Spreads the bits of a String hash (murmur3's 64-bit finaliser). */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
