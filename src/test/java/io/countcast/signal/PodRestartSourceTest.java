package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodRestartSourceTest {

  private static final LabelSelector WEB =
      new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build();

  private static Pod pod(String name, String app, int restarts) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("team-a")
        .withUid("uid-" + name).withResourceVersion("7").withCreationTimestamp("2026-11-26T10:00:00Z")
        .addToLabels("app", app).addToAnnotations("big", "x".repeat(1000)).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
        .withNewStatus().withPhase("Running").withHostIP("10.0.0.1")
        .addNewContainerStatus().withName("app").withRestartCount(restarts).withImage("web:1")
        .endContainerStatus().endStatus().build();
  }

  /** A client whose every request fails at once: nothing listens on port 1. */
  private static KubernetesClient unreachable() {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build();
  }

  @Test
  void theSlimCopyKeepsWhatTheSignalReadsAndDropsTheRest() {
    Pod full = pod("web-0", "web", 3);

    Pod slim = PodRestartSource.slim(full);

    assertThat(PodRestartSource.toObservation(slim)).isEqualTo(PodRestartSource.toObservation(full));
    assertThat(slim.getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
    assertThat(slim.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(slim.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(slim.getMetadata().getAnnotations()).isEmpty();
    assertThat(slim.getSpec()).isNull();
    assertThat(slim.getStatus().getHostIP()).isNull();
    assertThat(slim.getStatus().getContainerStatuses().get(0).getImage()).isNull();
  }

  @Test
  void aCurrentCacheIsReadWithTheCountForecastsOwnSelectorAndNoRequest() {
    FakeNamespaceWatch<Pod> watch = new FakeNamespaceWatch<>("team-a");
    watch.current = true;
    watch.objects.add(PodRestartSource.slim(pod("web-0", "web", 3)));
    watch.objects.add(PodRestartSource.slim(pod("db-0", "db", 9)));
    NamespaceCaches<Pod> caches = new NamespaceCaches<>(ns -> watch);
    try (KubernetesClient client = unreachable()) {
      PodRestartSource source = new PodRestartSource(client, "team-a", WEB, caches, "cf-1");

      assertThat(source.observe()).extracting(PodObservation::name).containsExactly("web-0");
    }
  }

  @Test
  void aCacheThatIsNotCurrentIsNotReadTheTickAsksTheApiServer() {
    FakeNamespaceWatch<Pod> watch = new FakeNamespaceWatch<>("team-a");
    watch.objects.add(PodRestartSource.slim(pod("web-0", "web", 3)));
    NamespaceCaches<Pod> caches = new NamespaceCaches<>(ns -> watch);
    try (KubernetesClient client = unreachable()) {
      PodRestartSource source = new PodRestartSource(client, "team-a", WEB, caches, "cf-1");

      // The fallback LIST goes to the (here unreachable) API server instead of the stale copy.
      assertThatThrownBy(source::observe).isInstanceOf(KubernetesClientException.class);
      assertThat(caches.namespaces()).containsExactly("team-a");
    }
  }

  @Test
  void aSelectorOnlyTheApiServerCanJudgeIsNeverMatchedOnTheCache() {
    FakeNamespaceWatch<Pod> watch = new FakeNamespaceWatch<>("team-a");
    watch.current = true;
    watch.objects.add(PodRestartSource.slim(pod("web-0", "web", 3)));
    NamespaceCaches<Pod> caches = new NamespaceCaches<>(ns -> watch);
    LabelSelector bad = new LabelSelectorBuilder().addNewMatchExpression().withKey("app")
        .withOperator("Like").withValues("w").endMatchExpression().build();
    try (KubernetesClient client = unreachable()) {
      PodRestartSource source = new PodRestartSource(client, "team-a", bad, caches, "cf-1");

      // The LIST path's own error, as without the cache (fabric8 rejects it before sending).
      assertThatThrownBy(source::observe).hasMessageContaining("Unsupported operator: Like");
      assertThat(caches.namespaces()).as("the cache was not even started").isEmpty();
    }
  }

  @Test
  void podIsReducedToUidTimesPhaseAndBothKindsOfRestartCounters() {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName("web-0").withUid("u-1")
          .withCreationTimestamp("2026-11-26T10:00:00Z").withDeletionTimestamp("2026-11-26T10:05:30Z")
          .addToLabels("app", "web").addToAnnotations("big", "x".repeat(1000))
        .endMetadata()
        .withNewStatus().withPhase("Running")
          .addNewInitContainerStatus().withName("init").withRestartCount(2).endInitContainerStatus()
          .addNewContainerStatus().withName("app").withRestartCount(7).endContainerStatus()
          .addNewContainerStatus().withName("sidecar").endContainerStatus()
        .endStatus()
        .build();

    assertThat(PodRestartSource.toObservation(pod)).isEqualTo(new PodObservation("u-1", "web-0",
        Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:05:30Z"), "Running",
        List.of(new ContainerRestarts("init", true, 2), new ContainerRestarts("app", false, 7),
            new ContainerRestarts("sidecar", false, 0))));
  }

  @Test
  void podWithoutStatusHasNoContainersYet() {
    Pod pod = new PodBuilder().withNewMetadata().withName("new").withUid("u-2")
        .withCreationTimestamp("2026-11-26T10:00:00Z").endMetadata().build();

    PodObservation observed = PodRestartSource.toObservation(pod);

    assertThat(observed.containers()).isEmpty();
    assertThat(observed.phase()).isNull();
    assertThat(observed.deleting()).isNull();
  }
}
