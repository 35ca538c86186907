package io.countcast.signal;

import java.time.Instant;
import java.util.List;

/** Compact builders for pod observations in tests. */
final class Pods {

  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  private Pods() {
  }

  static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  static ContainerRestarts app(int restarts) {
    return new ContainerRestarts("app", false, restarts);
  }

  static ContainerRestarts init(int restarts) {
    return new ContainerRestarts("init", true, restarts);
  }

  static ContainerRestarts container(String name, int restarts) {
    return new ContainerRestarts(name, false, restarts);
  }

  /** A Running pod created {@code createdSecondsAfterT0} seconds after T0 (negative: before). */
  static PodObservation pod(String uid, long createdSecondsAfterT0, ContainerRestarts... containers) {
    return new PodObservation(uid, "pod-" + uid, at(createdSecondsAfterT0), null, "Running", List.of(containers));
  }

  static PodObservation named(String name, String uid, long createdSecondsAfterT0, ContainerRestarts... containers) {
    return new PodObservation(uid, name, at(createdSecondsAfterT0), null, "Running", List.of(containers));
  }
}
