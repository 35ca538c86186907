package io.countcast.signal;

import static io.countcast.signal.Pods.app;
import static io.countcast.signal.Pods.at;
import static io.countcast.signal.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodExposureTest {

  private static PodObservation withPhase(String uid, long created, String phase) {
    return new PodObservation(uid, uid, at(created), null, phase, List.of(app(0)));
  }

  @Test
  void podPresentThroughoutContributesTheWholeInterval() {
    assertThat(PodExposure.podSeconds(List.of(pod("a", -100, app(0))), at(0), at(300))).isEqualTo(300.0);
  }

  @Test
  void exposureIsSummedOverPods() {
    List<PodObservation> pods = List.of(pod("a", -100, app(0)), pod("b", -5, app(0)), pod("c", 0, app(0)));
    assertThat(PodExposure.podSeconds(pods, at(0), at(60))).isEqualTo(180.0);
  }

  @Test
  void podCreatedInsideTheIntervalCountsFromItsCreation() {
    assertThat(PodExposure.podSeconds(List.of(pod("a", 45, app(0))), at(0), at(60))).isEqualTo(15.0);
  }

  @Test
  void podBeingDeletedCountsUntilItsDeletionTimestamp() {
    PodObservation deleting = new PodObservation("a", "a", at(-10), at(20), "Running", List.of(app(0)));
    assertThat(PodExposure.podSeconds(List.of(deleting), at(0), at(60))).isEqualTo(20.0);
  }

  @Test
  void podCreatedAfterTheIntervalContributesNothing() {
    assertThat(PodExposure.podSeconds(List.of(pod("a", 90, app(0))), at(0), at(60))).isZero();
  }

  @Test
  void finishedPodsContributeNothingButPendingAndUnsetPhasesDo() {
    List<PodObservation> pods = List.of(withPhase("s", -1, "Succeeded"), withPhase("f", -1, "Failed"),
        withPhase("p", -1, "Pending"), withPhase("u", -1, null));
    assertThat(PodExposure.podSeconds(pods, at(0), at(10))).isEqualTo(20.0);
  }

  @Test
  void millisecondsAreKept() {
    assertThat(PodExposure.podSeconds(List.of(pod("a", -1, app(0))), at(0), at(0).plusMillis(1500)))
        .isEqualTo(1.5);
  }

  @Test
  void reversedIntervalIsRejected() {
    assertThatThrownBy(() -> PodExposure.podSeconds(List.of(), at(10), at(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
  }
}
