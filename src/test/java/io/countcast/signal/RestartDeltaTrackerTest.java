package io.countcast.signal;

import static io.countcast.signal.Pods.T0;
import static io.countcast.signal.Pods.app;
import static io.countcast.signal.Pods.at;
import static io.countcast.signal.Pods.container;
import static io.countcast.signal.Pods.init;
import static io.countcast.signal.Pods.named;
import static io.countcast.signal.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RestartDeltaTrackerTest {

  private final RestartDeltaTracker tracker = RestartDeltaTracker.startingAt(T0);

  @Test
  void podCreatedBeforeBaselineIsABaselineNotNewRestarts() {
    assertThat(tracker.observe(at(0), List.of(pod("a", -3600, app(7), init(2))))).isZero();
    assertThat(tracker.observe(at(30), List.of(pod("a", -3600, app(9), init(2))))).isEqualTo(2);
  }

  @Test
  void podCreatedAfterBaselineCountsItsRestartsInFull() {
    tracker.observe(at(0), List.of());
    assertThat(tracker.observe(at(30), List.of(pod("b", 10, app(2), init(1))))).isEqualTo(3);
  }

  @Test
  void podCreatedInTheBaselineSecondCountsAsNew() {
    // creationTimestamp has whole seconds; the baseline is truncated so such a pod is not missed.
    RestartDeltaTracker midSecond = RestartDeltaTracker.startingAt(T0.plusMillis(700));
    assertThat(midSecond.baseline()).isEqualTo(T0);
    assertThat(midSecond.observe(at(1), List.of(pod("b", 0, app(1))))).isEqualTo(1);
  }

  @Test
  void podReplacedUnderTheSameNameIsANewPod() {
    tracker.observe(at(0), List.of(named("web-0", "uid-1", -60, app(5))));
    // StatefulSet pod recreated: same name, new uid, counter starts again.
    long delta = tracker.observe(at(30), List.of(named("web-0", "uid-2", 20, app(1))));
    assertThat(delta).isEqualTo(1);
    assertThat(tracker.trackedPods()).isEqualTo(1);
    assertThat(tracker.observe(at(60), List.of(named("web-0", "uid-2", 20, app(3))))).isEqualTo(2);
  }

  @Test
  void containerAddedLaterCountsItsRestartsInFull() {
    // A baseline pod whose sidecar status appears only later: its restarts happened since we looked.
    tracker.observe(at(0), List.of(pod("a", -600, app(4))));
    long delta = tracker.observe(at(30), List.of(pod("a", -600, app(4), container("sidecar", 2))));
    assertThat(delta).isEqualTo(2);
    assertThat(tracker.observe(at(60), List.of(pod("a", -600, app(4), container("sidecar", 2))))).isZero();
  }

  @Test
  void podDeletedMidWindowKeepsItsIncrementsThenIsForgotten() {
    tracker.observe(at(0), List.of(pod("a", -60, app(0)), pod("b", -60, app(0))));
    assertThat(tracker.observe(at(30), List.of(pod("a", -60, app(3)), pod("b", -60, app(1))))).isEqualTo(4);
    // "a" is gone: what it contributed stays counted, nothing is subtracted.
    assertThat(tracker.observe(at(60), List.of(pod("b", -60, app(2))))).isEqualTo(1);
    assertThat(tracker.trackedPods()).isEqualTo(1);
    assertThat(tracker.serialize()).doesNotContain("\na ");
  }

  @Test
  void counterLowerThanLastSeenIsAResetAndTheNewValueIsCounted() {
    tracker.observe(at(0), List.of(pod("a", -60, app(10))));
    assertThat(tracker.observe(at(30), List.of(pod("a", -60, app(2))))).isEqualTo(2);
    assertThat(tracker.observe(at(60), List.of(pod("a", -60, app(3))))).isEqualTo(1);
  }

  @Test
  void counterDroppedToZeroCountsNothing() {
    tracker.observe(at(0), List.of(pod("a", -60, app(10))));
    assertThat(tracker.observe(at(30), List.of(pod("a", -60, app(0))))).isZero();
  }

  @Test
  void initAndRegularContainersWithTheSameNameAreTrackedSeparately() {
    ContainerRestarts initSetup = new ContainerRestarts("setup", true, 1);
    ContainerRestarts regularSetup = new ContainerRestarts("setup", false, 5);
    tracker.observe(at(0), List.of(pod("a", -60, initSetup, regularSetup)));
    long delta = tracker.observe(at(30), List.of(pod("a", -60,
        new ContainerRestarts("setup", true, 2), new ContainerRestarts("setup", false, 5))));
    assertThat(delta).isEqualTo(1);
  }

  @Test
  void containerMissingFromOneObservationIsNotCountedAgainWhenItReturns() {
    tracker.observe(at(0), List.of(pod("a", -60, app(3), container("sidecar", 4))));
    assertThat(tracker.observe(at(30), List.of(pod("a", -60, app(3))))).isZero();
    assertThat(tracker.observe(at(60), List.of(pod("a", -60, app(3), container("sidecar", 5))))).isEqualTo(1);
  }

  @Test
  void restoreFromStateDoesNotDoubleCount() {
    tracker.observe(at(0), List.of(pod("a", -60, app(1), init(1))));
    assertThat(tracker.observe(at(30), List.of(pod("a", -60, app(4), init(1)), pod("b", 10, app(2))))).isEqualTo(5);

    RestartDeltaTracker restored = RestartDeltaTracker.restore(tracker.serialize());

    assertThat(restored.baseline()).isEqualTo(tracker.baseline());
    assertThat(restored.lastObservedAt()).isEqualTo(at(30));
    // Same pods, same counters: nothing new, although "b" was created after the baseline.
    assertThat(restored.observe(at(60), List.of(pod("a", -60, app(4), init(1)), pod("b", 10, app(2))))).isZero();
    assertThat(restored.observe(at(90), List.of(pod("a", -60, app(5), init(1)), pod("b", 10, app(2))))).isEqualTo(1);
  }

  @Test
  void restoreOfAFreshTrackerKeepsTheBaselineAndNoObservation() {
    RestartDeltaTracker restored = RestartDeltaTracker.restore(tracker.serialize());
    assertThat(restored.baseline()).isEqualTo(T0);
    assertThat(restored.lastObservedAt()).isNull();
    assertThat(tracker.serialize()).isEqualTo("v1 " + T0.toEpochMilli() + " -");
  }

  @Test
  void serializedFormIsOneLinePerPod() {
    tracker.observe(at(5), List.of(pod("uid-a", -60, init(0), app(3))));
    assertThat(tracker.serialize())
        .isEqualTo("v1 " + T0.toEpochMilli() + " " + at(5).toEpochMilli() + "\nuid-a i:init=0 c:app=3");
  }

  @Test
  void malformedStateNamesTheLine() {
    assertThatThrownBy(() -> RestartDeltaTracker.restore("v2 1 2"))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> RestartDeltaTracker.restore("v1 1 2\nuid c:app=3\nuid2 app=3"))
        .hasMessageContaining("line 3").hasMessageContaining("'app=3'");
    assertThatThrownBy(() -> RestartDeltaTracker.restore("v1 1 2\nuid c:app=-1"))
        .hasMessageContaining("line 2").hasMessageContaining("'-1'");
  }

  @Test
  void observationOlderThanThePreviousOneIsRejected() {
    tracker.observe(at(30), List.of());
    assertThatThrownBy(() -> tracker.observe(at(29), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
  }

  /**
   * For a new pod whose counter only grows, the counted restarts add up to the final counter
   * exactly once, wherever the tracker is saved and restored in between.
   */
  @Property(tries = 200)
  void monotoneCounterIsCountedExactlyOnceAcrossRestores(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 5) Integer> increments,
      @ForAll @IntRange(min = 0, max = 30) int restoreAt) {
    RestartDeltaTracker current = RestartDeltaTracker.startingAt(T0);
    current.observe(at(0), List.of());
    int counter = 0;
    long counted = 0;
    for (int i = 0; i < increments.size(); i++) {
      counter += increments.get(i);
      if (i == restoreAt) {
        current = RestartDeltaTracker.restore(current.serialize());
      }
      Instant now = at(10L * (i + 1));
      counted += current.observe(now, List.of(pod("p", 1, app(counter))));
    }
    assertThat(counted).isEqualTo(counter);
  }
}
