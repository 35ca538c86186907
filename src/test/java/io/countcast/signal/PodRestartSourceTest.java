package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodRestartSourceTest {

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
