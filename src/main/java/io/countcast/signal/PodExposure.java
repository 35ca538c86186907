package io.countcast.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Exposure of a set of pods: pod-seconds at risk of a container restart within an interval.
 *
 * <p>A pod is at risk from its creation until its deletionTimestamp (or the end of the
 * interval), unless its phase is Succeeded or Failed. Pending pods are included on purpose: init
 * containers restart while the pod is Pending, and a window with restarts but zero exposure would
 * give the forecaster a log(0) offset.
 */
public final class PodExposure {

  private PodExposure() {
  }

  /**
   * Sum over pods of the seconds each one was at risk within {@code [from, to)}, with millisecond
   * precision.
   */
  public static double podSeconds(Collection<PodObservation> pods, Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("exposure interval ends at " + to + " before it starts at " + from);
    }
    long totalMillis = 0;
    for (PodObservation pod : pods) {
      if (pod.terminal()) {
        continue;
      }
      Instant start = later(pod.created(), from);
      Instant end = pod.deleting() == null ? to : earlier(pod.deleting(), to);
      if (end.isAfter(start)) {
        totalMillis += Duration.between(start, end).toMillis();
      }
    }
    return totalMillis / 1000.0;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
