package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceCachesTest {

  private final List<FakeNamespaceWatch<Pod>> opened = new ArrayList<>();
  private long nanos;
  private final NamespaceCaches<Pod> caches = new NamespaceCaches<>(namespace -> {
    FakeNamespaceWatch<Pod> watch = new FakeNamespaceWatch<>(namespace);
    opened.add(watch);
    return watch;
  }, () -> nanos);

  @Test
  void aWatchIsNotUsedUntilItIsCurrent() {
    assertThat(caches.use("cf-1", "team-a")).as("still listing").isNull();
    assertThat(opened).hasSize(1);

    opened.get(0).current = true;
    assertThat(caches.use("cf-1", "team-a")).isSameAs(opened.get(0));
  }

  @Test
  void aWatchThatFellBehindIsNotUsedAndIsKeptWhileItReconnects() {
    caches.use("cf-1", "team-a");
    FakeNamespaceWatch<Pod> watch = opened.get(0);
    watch.current = true;
    assertThat(caches.use("cf-1", "team-a")).isSameAs(watch);

    watch.current = false; // the watch dropped; fabric8 reconnects it
    assertThat(caches.use("cf-1", "team-a")).isNull();
    assertThat(opened).as("not reopened while it may recover").hasSize(1);
    assertThat(watch.closed).isFalse();
  }

  @Test
  void aWatchThatStoppedForGoodIsReplacedNoSoonerThanTheReopeningDelay() {
    caches.use("cf-1", "team-a");
    opened.get(0).stopped = true;

    nanos += NamespaceCaches.REOPEN_AFTER.toNanos() - 1;
    assertThat(caches.use("cf-1", "team-a")).isNull();
    assertThat(opened).as("a watch that cannot start is not retried on every tick").hasSize(1);

    nanos += 1;
    assertThat(caches.use("cf-1", "team-a")).isNull();
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).closed).isTrue();
    opened.get(1).current = true;
    assertThat(caches.use("cf-1", "team-a")).isSameAs(opened.get(1));
  }

  @Test
  void oneWatchPerNamespaceSharedByItsCountForecasts() {
    caches.use("cf-1", "team-a");
    caches.use("cf-2", "team-a");
    caches.use("cf-3", "team-b");

    assertThat(opened).extracting(w -> w.namespace).containsExactly("team-a", "team-b");
    assertThat(caches.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void theWatchStopsWhenTheLastCountForecastOfItsNamespaceIsReleased() {
    caches.use("cf-1", "team-a");
    caches.use("cf-2", "team-a");
    caches.use("cf-3", "team-b");
    FakeNamespaceWatch<Pod> teamA = opened.get(0);

    caches.release("cf-1");
    assertThat(teamA.closed).as("cf-2 still uses it").isFalse();
    caches.release("cf-2");
    assertThat(teamA.closed).isTrue();
    assertThat(caches.namespaces()).containsExactly("team-b");

    caches.release("cf-2"); // twice: nothing happens
    caches.release("unknown");
    assertThat(opened.get(1).closed).isFalse();
  }

  @Test
  void aNamespaceUsedAgainAfterItsLastReleaseGetsAFreshWatch() {
    caches.use("cf-1", "team-a");
    caches.release("cf-1");
    caches.use("cf-2", "team-a");

    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).closed).isTrue();
    assertThat(opened.get(1).closed).isFalse();
  }

  @Test
  void closeStopsEveryWatch() {
    caches.use("cf-1", "team-a");
    caches.use("cf-2", "team-b");

    caches.close();

    assertThat(opened).allMatch(w -> w.closed);
    assertThat(caches.namespaces()).isEmpty();
  }
}
