package io.countcast.signal;

import static io.countcast.signal.Pods.T0;
import static io.countcast.signal.Pods.app;
import static io.countcast.signal.Pods.at;
import static io.countcast.signal.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedRestartCounterTest {

  /** T0 is 12:00:00Z, a multiple of 300 s since the epoch, so windows start at T0 + k*300. */
  private static final long W0 = T0.getEpochSecond();

  private final WindowedRestartCounter counter =
      new WindowedRestartCounter(Duration.ofMinutes(5), RestartDeltaTracker.startingAt(T0), null);

  @Test
  void firstObservationOpensItsWindowAndClosesNothing() {
    assertThat(counter.observe(at(10), List.of(pod("a", -60, app(4))))).isEmpty();
    assertThat(counter.openWindow()).isEqualTo(new OpenWindow(W0, 0, 0));
  }

  @Test
  void windowClosesAtTheFirstObservationInALaterWindow() {
    counter.observe(at(0), List.of(pod("a", -60, app(0))));
    assertThat(counter.observe(at(100), List.of(pod("a", -60, app(2))))).isEmpty();
    assertThat(counter.observe(at(200), List.of(pod("a", -60, app(3))))).isEmpty();

    List<WindowSample> closed = counter.observe(at(330), List.of(pod("a", -60, app(5))));

    assertThat(closed).containsExactly(new WindowSample(W0, W0 + 300, 3, 200.0));
    // The tick that crossed the boundary attributes its whole interval (200, 330] to the new window.
    assertThat(counter.openWindow()).isEqualTo(new OpenWindow(W0 + 300, 2, 130.0));
  }

  @Test
  void windowsWithoutObservationAreGapsAndDowntimeGoesToTheFirstWindowAfter() {
    counter.observe(at(0), List.of(pod("a", -60, app(0))));
    counter.observe(at(60), List.of(pod("a", -60, app(1))));
    // Operator down from 60 s to 1000 s: windows [300,600) and [600,900) get no observation.
    List<WindowSample> closed = counter.observe(at(1000), List.of(pod("a", -60, app(6))));

    assertThat(closed).containsExactly(new WindowSample(W0, W0 + 300, 1, 60.0));
    assertThat(counter.openWindow()).isEqualTo(new OpenWindow(W0 + 900, 5, 940.0));
    assertThat(counter.observe(at(1200), List.of(pod("a", -60, app(6)))))
        .containsExactly(new WindowSample(W0 + 900, W0 + 1200, 5, 940.0));
  }

  @Test
  void observedQuietWindowIsAZeroNotAGap() {
    counter.observe(at(0), List.of(pod("a", -60, app(3))));
    counter.observe(at(299), List.of(pod("a", -60, app(3))));
    assertThat(counter.observe(at(300), List.of(pod("a", -60, app(3)))))
        .containsExactly(new WindowSample(W0, W0 + 300, 0, 299.0));
  }

  @Test
  void restoredCounterContinuesTheOpenWindowWithoutDoubleCounting() {
    counter.observe(at(0), List.of(pod("a", -60, app(0))));
    counter.observe(at(100), List.of(pod("a", -60, app(2))));
    WindowedRestartCounter restored = new WindowedRestartCounter(Duration.ofMinutes(5),
        RestartDeltaTracker.restore(counter.tracker().serialize()), counter.openWindow());

    restored.observe(at(200), List.of(pod("a", -60, app(3))));

    assertThat(restored.observe(at(300), List.of(pod("a", -60, app(3)))))
        .containsExactly(new WindowSample(W0, W0 + 300, 3, 200.0));
  }

  @Test
  void windowMustBeWholePositiveSeconds() {
    RestartDeltaTracker tracker = RestartDeltaTracker.startingAt(T0);
    assertThatThrownBy(() -> new WindowedRestartCounter(Duration.ZERO, tracker, null))
        .hasMessageContaining("positive whole number of seconds");
    assertThatThrownBy(() -> new WindowedRestartCounter(Duration.ofMillis(1500), tracker, null))
        .hasMessageContaining("positive whole number of seconds");
  }
}
