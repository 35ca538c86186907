package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The signal layer against a real kube-apiserver. There is no kubelet, so the test plays its
 * part: it writes status.containerStatuses[].restartCount through the status subresource.
 * Ticks are driven with explicit times (60 s windows) so windows close without waiting.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class RestartSignalKubeApiIT {

  static KubernetesClient client;

  private static final String NS = "signal-it";
  private static final Map<String, String> SELECTED = Map.of("app", "flaky");
  private static final LabelSelector SELECTOR = new LabelSelectorBuilder().withMatchLabels(SELECTED).build();
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final OwnerInfo OWNER = new OwnerInfo("countcast.io/v1alpha1", "CountForecast", "flaky",
      "6f1c1b0e-8d51-4c55-9a55-0f3f2f7d9a01");

  @BeforeAll
  static void namespace() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  private static Pod createPod(String name, Map<String, String> labels) {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
        .withNewSpec()
          .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
          .addNewContainer().withName("app").withImage("busybox").endContainer()
        .endSpec()
        .build();
    return client.pods().inNamespace(NS).resource(pod).create();
  }

  /** What the kubelet would do: report the restart counters through the status subresource. */
  private static void reportRestarts(String pod, int initRestarts, int appRestarts) {
    client.pods().inNamespace(NS).withName(pod).editStatus(p -> new PodBuilder(p)
        .editOrNewStatus()
          .withPhase("Running")
          .withInitContainerStatuses(status("init", initRestarts))
          .withContainerStatuses(status("app", appRestarts))
        .endStatus()
        .build());
  }

  private static ContainerStatus status(String name, int restarts) {
    return new ContainerStatusBuilder().withName(name).withImage("busybox").withImageID("")
        .withReady(false).withRestartCount(restarts)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .build();
  }

  private static Instant created(Pod pod) {
    return Instant.parse(pod.getMetadata().getCreationTimestamp());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static RestartSignalCollector collector(HistoryStore store) {
    return new RestartSignalCollector(new PodRestartSource(client, NS, SELECTOR), store, NS, OWNER,
        WINDOW, Duration.ofHours(1));
  }

  @Test
  void countsRestartsPerWindowAndPersistsThemInAnOwnedConfigMap() throws InterruptedException {
    HistoryStore store = new HistoryStore(client);
    Pod a = createPod("flaky-a", SELECTED);
    reportRestarts("flaky-a", 1, 5);
    createPod("other", Map.of("app", "other"));
    reportRestarts("other", 0, 9);
    // The baseline must fall in a later second than pod a's creation, so pod a is a baseline pod.
    while (!Instant.now().isAfter(created(a).plusSeconds(1))) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    Instant t0 = Instant.now();
    long w0 = Math.floorDiv(t0.getEpochSecond(), 60) * 60;
    Instant w1 = Instant.ofEpochSecond(w0 + 60);
    Instant w2 = Instant.ofEpochSecond(w0 + 120);
    Instant w3 = Instant.ofEpochSecond(w0 + 180);
    RestartSignalCollector collector = collector(store);

    // Baseline tick: pod a's 6 earlier restarts are not new.
    assertThat(collector.tick(t0)).isEqualTo(new RestartSignalCollector.Tick(1, List.of()));
    ConfigMap map = client.configMaps().inNamespace(NS).withName("flaky-countcast-history").get();
    assertThat(map).as("history ConfigMap written on the first tick").isNotNull();
    OwnerReference owner = map.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("CountForecast");
    assertThat(owner.getName()).isEqualTo("flaky");
    assertThat(owner.getUid()).isEqualTo(OWNER.uid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
    assertThat(map.getData().get("tracker")).contains(a.getMetadata().getUid() + " i:init=1 c:app=5");

    reportRestarts("flaky-a", 1, 8);
    reportRestarts("other", 0, 20); // not selected: never counted
    assertThat(collector.tick(w1.plusSeconds(10)).closed())
        .containsExactly(new WindowSample(w0, w0 + 60, 0, 0.0));

    Pod b = createPod("flaky-b", SELECTED);
    reportRestarts("flaky-b", 0, 2); // created after the baseline: its 2 restarts are new
    assertThat(collector.tick(w1.plusSeconds(40))).isEqualTo(new RestartSignalCollector.Tick(2, List.of()));

    client.pods().inNamespace(NS).withName("flaky-a").withGracePeriod(0).delete();
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> client.pods().inNamespace(NS).withName("flaky-a").get() == null);
    List<WindowSample> closedW1 = collector.tick(w2.plusSeconds(10)).closed();
    double exposureW1 = seconds(t0, w1.plusSeconds(10)) + 30.0
        + seconds(later(created(b), w1.plusSeconds(10)), w1.plusSeconds(40));
    assertThat(closedW1).hasSize(1);
    assertThat(closedW1.get(0).startEpochSecond()).isEqualTo(w0 + 60);
    assertThat(closedW1.get(0).count()).isEqualTo(5);
    assertThat(closedW1.get(0).exposure()).isCloseTo(exposureW1, within(1e-6));

    // Operator restart: a new collector resumes from the ConfigMap and does not recount pod b.
    RestartSignalCollector restarted = collector(store);
    reportRestarts("flaky-b", 0, 4);
    assertThat(restarted.tick(w3.plusSeconds(10)).closed())
        .containsExactly(new WindowSample(w0 + 120, w0 + 180, 0, 30.0));
    assertThat(restarted.tick(w3.plusSeconds(60)).closed())
        .containsExactly(new WindowSample(w0 + 180, w0 + 240, 2, 60.0));

    SeriesArrays series = collector(store).series();
    assertThat(series.epochSeconds()).containsExactly(w0, w0 + 60, w0 + 120, w0 + 180);
    assertThat(series.counts()).containsExactly(0, 5, 0, 2);
    assertThat(series.exposure()[1]).isCloseTo(exposureW1, within(0.001));
    String samples = client.configMaps().inNamespace(NS).withName("flaky-countcast-history").get()
        .getData().get("samples");
    assertThat(samples.split("\n")).hasSize(4);
  }

  @Test
  void staleResourceVersionIsAConflict() {
    OwnerInfo owner = new OwnerInfo("countcast.io/v1alpha1", "CountForecast", "conflicted",
        "0b3e4a4e-54a2-4c47-8f0d-3a0c3a1f2b11");
    HistoryStore store = new HistoryStore(client);
    SignalState state = new SignalState(60, List.of(), "v1 0 -", null);
    String first = store.save(NS, owner, state, null);
    String second = store.save(NS, owner, new SignalState(60, List.of(), "v1 0 -", new OpenWindow(0, 1, 2)), first);

    assertThat(store.load(NS, "conflicted")).hasValueSatisfying(stored -> {
      assertThat(stored.resourceVersion()).isEqualTo(second);
      assertThat(stored.state().openWindow()).isEqualTo(new OpenWindow(0, 1, 2));
    });
    assertThatThrownBy(() -> store.save(NS, owner, state, first))
        .isInstanceOf(HistoryConflictException.class)
        .hasMessageContaining("ConfigMap signal-it/conflicted-countcast-history was changed by someone else")
        .hasMessageContaining("resourceVersion " + first);
    assertThatThrownBy(() -> store.save(NS, owner, state, null))
        .isInstanceOf(HistoryConflictException.class)
        .hasMessageContaining("was created by someone else");
  }

  @Test
  void listingIsLabelSelectedAndFollowsPages() {
    Map<String, String> labels = Map.of("app", "paged");
    createPod("paged-1", labels);
    createPod("paged-2", labels);
    createPod("paged-3", labels);
    reportRestarts("paged-2", 3, 4);
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(labels).build();

    List<PodObservation> pods = new PodRestartSource(client, NS, selector, 1).observe();

    assertThat(pods).extracting(PodObservation::name).containsExactlyInAnyOrder("paged-1", "paged-2", "paged-3");
    PodObservation second = pods.stream().filter(p -> p.name().equals("paged-2")).findFirst().orElseThrow();
    assertThat(second.phase()).isEqualTo("Running");
    assertThat(second.containers()).containsExactly(
        new ContainerRestarts("init", true, 3), new ContainerRestarts("app", false, 4));
  }

  @Test
  void aHistoryOfAnotherSignalIsReplacedNotReadAsRestarts() {
    HistoryStore store = new HistoryStore(client);
    OwnerInfo owner = new OwnerInfo(OWNER.apiVersion(), OWNER.kind(), "switched",
        "0b9d7c1e-35c4-4a8e-9c0e-2f7f2e1d1a11");
    store.save(NS, owner, new SignalState(60, List.of(new WindowSample(0, 60, 7, 1)), "", null,
        "prometheus:0123456789abcdef"), null);
    Map<String, String> labels = Map.of("app", "switched");
    createPod("switched-1", labels);
    RestartSignalCollector collector = new RestartSignalCollector(
        new PodRestartSource(client, NS, new LabelSelectorBuilder().withMatchLabels(labels).build()),
        store, NS, owner, WINDOW, Duration.ofHours(1));

    assertThat(collector.series().size()).isZero();
    assertThat(collector.tick(Instant.now())).isEqualTo(new RestartSignalCollector.Tick(1, List.of()));
    SignalState stored = store.load(NS, "switched").orElseThrow().state();
    assertThat(stored.source()).isEqualTo(SignalState.POD_RESTARTS);
    assertThat(stored.samples()).isEmpty();
    assertThat(stored.trackerState()).startsWith("v1 ");
  }

  @Test
  void aTickThatFindsNoPodSaysSoAndRecordsNothing() {
    OwnerInfo owner = new OwnerInfo(OWNER.apiVersion(), OWNER.kind(), "nopods",
        "3c0f5a9e-7d1b-4e2a-8f6c-5b4d3a2e1f00");
    HistoryStore store = new HistoryStore(client);
    LabelSelector nothing = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "no-such-pod")).build();
    RestartSignalCollector collector = new RestartSignalCollector(
        new PodRestartSource(client, NS, nothing), store, NS, owner, WINDOW, Duration.ofHours(1));

    assertThat(collector.tick(Instant.now())).isEqualTo(new RestartSignalCollector.Tick(0, List.of()));
    assertThat(store.load(NS, "nopods")).as("no baseline written without pods").isEmpty();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
