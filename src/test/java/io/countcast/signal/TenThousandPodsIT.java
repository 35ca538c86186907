package io.countcast.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Memory of the pod-restart signal with 10,000 pods in the cluster, against a real kube-apiserver
 * (resolved issue 4: "stays bounded with 10,000 pods; do not cache whole Pod objects
 * cluster-wide").
 *
 * <p>The cluster: namespace {@code crowd} holds 10,000 pods labelled {@code app=crowd}, the first
 * 2,000 also {@code shard=a}; namespace {@code elsewhere} holds 500 more pods with both labels,
 * which no selector here may pick up. Every pod has one container whose restartCount is reported
 * through the status subresource (there is no kubelet; the test plays it, as
 * {@code operator/FakeKubelet} does), so every Pod carries a realistic status and two
 * managedFields entries.
 *
 * <p>Each test runs what the operator runs per CountForecast ({@link RestartSignalCollector} over
 * {@link PodRestartSource} with its default page size) for {@value #TICKS} ticks, 10 s apart in
 * explicit time (60 s windows, so a window and its ConfigMap write close every 6 ticks), raising
 * restart counts of selected and unselected pods between ticks, and asserts:
 * <ol>
 *   <li>counting: the closed windows hold exactly the increments made to selected pods, and
 *       selected pods × elapsed seconds of exposure;</li>
 *   <li>paging: every tick lists with {@code limit=500} and follows {@code continue}:
 *       ⌈selected ÷ 500⌉ requests (or one more, when the last full page of selected pods is not
 *       the end of the namespace), each with the limit, all but the first with a continue token,
 *       and no decoded page holds more than 500 pods;</li>
 *   <li>no Pod is retained: weak references to every PodList and Pod decoded during one tick are
 *       all cleared by a GC after the tick;</li>
 *   <li>retained heap between ticks (live heap after full GCs, minus a baseline taken before the
 *       collector existed) is below {@value #MAX_RETAINED_BYTES_PER_POD} bytes per selected pod
 *       and does not grow from tick 5 to tick {@value #TICKS} by more than
 *       {@value #MAX_GROWTH_BYTES} bytes;</li>
 *   <li>peak: the live heap sampled while each page is held (inside the client's decoder,
 *       right after a page is decoded) stays below {@value #MAX_PEAK_SHARE} of what all the
 *       cluster's pods would take as decoded Pods (per-Pod size measured in this test).</li>
 * </ol>
 *
 * <p>Heap is measured as the minimum of {@code MemoryMXBean} heap "used" over three
 * {@code System.gc()} calls (full collections with G1), so garbage and timing do not enter it.
 * The peak is sampled after each page is decoded; the tracker's swap of its old and new counter
 * maps after the LIST (at most twice the retained state) is not sampled.
 *
 * <p>Tolerances, from runs on the 2-core build machine (10,500 pods, 50 ticks):
 * <ul>
 *   <li>retained: 746-827 bytes per selected pod with 2,000 selected (about 1 MB of it fixed,
 *       not per pod), 295-307 with 10,000; a whole decoded Pod is about 8,850 bytes. Bound:
 *       {@value #MAX_RETAINED_BYTES_PER_POD}.</li>
 *   <li>growth from tick 5 to tick 50 (least of the last three samples minus least of the
 *       first three): 53-230 KB in six runs, a warm-up that levels off (a 250-tick run grew 91 KB in all and
 *       stayed within 25 KB after tick 100). A plain max-min once read 1.63 MB in a full build:
 *       one sample 1.4 MB above its neighbours, garbage of the rest of the test JVM. Bound:
 *       {@value #MAX_GROWTH_BYTES} bytes, below one kept page of Pods (about 4.4 MB) and below
 *       any leak of more than 33 KB per tick over the 45 measured ticks.</li>
 *   <li>peak: 9 % (2,000 selected) and 14 % (10,000 selected) of the 93 MB the 10,500 pods take
 *       decoded; with the LIST unpaged (page size raised to 20,000 as an experiment) it was 145 %.
 *       Bound: {@value #MAX_PEAK_SHARE}.</li>
 * </ul>
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class TenThousandPodsIT {

  static KubernetesClient client;

  private static final String CROWD = "crowd";
  private static final String ELSEWHERE = "elsewhere";
  private static final int CROWD_PODS = 10_000;
  private static final int SHARD_PODS = 2_000;
  private static final int ELSEWHERE_PODS = 500;
  private static final Map<String, String> LABELS = Map.of("app", "crowd", "shard", "a");
  private static final String IMAGE = "registry.k8s.io/pause:3.10";

  private static final int THREADS = 12;
  static final int TICKS = 50;
  private static final int FIRST_MEASURED_TICK = 5;
  private static final int WATCHED_TICK = 15;
  private static final int MEASURE_EVERY = 5;
  private static final Duration TICK = Duration.ofSeconds(10);
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final int SELECTED_RAISES_PER_TICK = 15;
  private static final int UNSELECTED_RAISES_PER_TICK = 5;

  static final long MAX_RETAINED_BYTES_PER_POD = 1_500;
  static final long MAX_GROWTH_BYTES = 1_500_000;
  static final double MAX_PEAK_SHARE = 0.3;

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private static ExecutorService pool;
  private static final int[] crowdRestarts = new int[CROWD_PODS];
  private static final int[] elsewhereRestarts = new int[ELSEWHERE_PODS];
  private static Listing listing;
  private static double bytesPerDecodedPod;

  @BeforeAll
  static void tenThousandPods() throws InterruptedException {
    pool = Executors.newFixedThreadPool(THREADS);
    for (String namespace : List.of(CROWD, ELSEWHERE)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .endMetadata().build()).create();
    }
    long start = System.nanoTime();
    inParallel(CROWD_PODS, i -> createPod(CROWD, i, crowdRestarts,
        i < SHARD_PODS ? LABELS : Map.of("app", "crowd")));
    inParallel(ELSEWHERE_PODS, i -> createPod(ELSEWHERE, i, elsewhereRestarts, LABELS));
    System.out.printf("TenThousandPodsIT setup: %d pods created with status in %.1f s (%d threads)%n",
        CROWD_PODS + ELSEWHERE_PODS, (System.nanoTime() - start) / 1e9, THREADS);

    listing = Listing.create(client);
    bytesPerDecodedPod = measureDecodedPod();
    // Every pod must be created in an earlier second than the collectors' baselines (second
    // resolution), so each pod's earlier restarts are a baseline and not counted.
    TimeUnit.MILLISECONDS.sleep(1_100);
  }

  @AfterAll
  static void close() {
    if (listing != null) {
      listing.client().close();
    }
    pool.shutdownNow();
  }

  @Test
  void aSelectorOfTwoThousandAmongTenThousandPods() {
    Run run = run("shard-a", new LabelSelectorBuilder().withMatchLabels(LABELS).build(), SHARD_PODS);

    run.assertBounded();
  }

  @Test
  void aSelectorOfAllTenThousandPodsInOneNamespace() {
    Run run = run("all-crowd", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "crowd")).build(),
        CROWD_PODS);

    run.assertBounded();
    String tracker = client.configMaps().inNamespace(CROWD).withName("all-crowd-countcast-history").get()
        .getData().get("tracker");
    System.out.printf("TenThousandPodsIT: tracker state of %d pods is %d bytes in the history ConfigMap%n",
        CROWD_PODS, tracker.length());
    assertThat(tracker.split("\n")).hasSize(CROWD_PODS + 1);
  }

  /** What one run measured; the selected pods are crowd pods 0 .. selected-1. */
  private record Run(String name, int selected, long expectedRestarts, double expectedExposure,
      SeriesArrays series, List<Long> retained, long peak, List<PodRequests.Tick> pageRequests,
      long largestPage, List<Boolean> decodedAndCleared, double millisPerTick) {

    void assertBounded() {
      long perPod = least(retained.subList(0, 3)) / selected;
      // Least of the last three samples minus least of the first three: a leak shows in every
      // sample, while garbage another thread of the test JVM holds at one sample does not.
      long growth = least(retained.subList(retained.size() - 3, retained.size()))
          - least(retained.subList(0, 3));
      double allPodsDecoded = bytesPerDecodedPod * (CROWD_PODS + ELSEWHERE_PODS);
      System.out.printf("TenThousandPodsIT %s: %d selected pods, %d restarts counted, %.0f ms per tick;"
              + " retained after ticks %d..%d every %d: %s bytes (%d bytes per selected pod, growth %d);"
              + " peak live %d bytes while a page is held = %.1f %% of the %.0f bytes all %d pods take decoded"
              + " (%.0f bytes per decoded Pod)%n",
          name, selected, expectedRestarts, millisPerTick, FIRST_MEASURED_TICK, TICKS, MEASURE_EVERY, retained, perPod,
          growth, peak, 100.0 * peak / allPodsDecoded, allPodsDecoded, CROWD_PODS + ELSEWHERE_PODS,
          bytesPerDecodedPod);
      assertThat(Arrays.stream(series.counts()).sum()).as("restarts counted")
          .isEqualTo(expectedRestarts);
      assertThat(Arrays.stream(series.exposure()).sum()).as("pod-seconds of exposure")
          .isCloseTo(expectedExposure, within(1e-6));

      // A selector picks pods out of the namespace's keys, so the server may need one more
      // request to find that the last full page was the end.
      int pages = (int) ((selected + PodRestartSource.PAGE_SIZE - 1) / PodRestartSource.PAGE_SIZE);
      assertThat(pageRequests).as("one paged LIST per tick").hasSize(TICKS + 2).allSatisfy(tick -> {
        assertThat(tick.requests()).as("requests of one tick").isBetween(pages, pages + 1);
        assertThat(tick.limited()).as("requests with limit=" + PodRestartSource.PAGE_SIZE).isEqualTo(tick.requests());
        assertThat(tick.continued()).as("requests with a continue token").isEqualTo(tick.requests() - 1);
      });
      assertThat(largestPage).as("most pods in one decoded page").isEqualTo(PodRestartSource.PAGE_SIZE);
      assertThat(decodedAndCleared).as("Pods and PodLists decoded in tick " + WATCHED_TICK
          + ", cleared after GC").hasSizeBetween(selected + pages, selected + pages + 1).containsOnly(true);
      assertThat(perPod).as("bytes retained per selected pod").isLessThan(MAX_RETAINED_BYTES_PER_POD);
      assertThat(growth).as("retained heap growth from tick %d to %d", FIRST_MEASURED_TICK, TICKS)
          .isLessThan(MAX_GROWTH_BYTES);
      assertThat((double) peak).as("peak live heap during a tick").isLessThan(MAX_PEAK_SHARE * allPodsDecoded);
    }

    private static long least(List<Long> samples) {
      return samples.stream().mapToLong(Long::longValue).min().orElseThrow();
    }
  }

  private static Run run(String name, LabelSelector selector, int selected) {
    OwnerInfo owner = new OwnerInfo("countcast.io/v1alpha1", "CountForecast", name,
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    SplittableRandom random = new SplittableRandom(name.hashCode());
    List<PodRequests.Tick> pageRequests = new ArrayList<>();
    List<Long> retained = new ArrayList<>();
    long baseline = liveHeap();
    RestartSignalCollector collector = new RestartSignalCollector(
        new PodRestartSource(listing.client(), CROWD, selector), new HistoryStore(listing.client()), CROWD, owner, WINDOW,
        Duration.ofHours(1));
    Instant t0 = Instant.now();
    long expected = 0;
    long peak = 0;
    long largestPage = 0;
    long tickNanos = 0;
    List<Boolean> cleared = List.of();
    for (int tick = 0; tick <= TICKS; tick++) {
      if (tick > 0) {
        expected += raiseRestarts(random, selected);
      }
      boolean watched = tick == WATCHED_TICK;
      listing.watcher().watch(watched);
      listing.requests().start();
      long started = System.nanoTime();
      assertThat(collector.tick(t0.plus(TICK.multipliedBy(tick))).pods()).isEqualTo(selected);
      if (!watched) {
        tickNanos += System.nanoTime() - started;
      }
      pageRequests.add(listing.requests().stop());
      listing.watcher().watch(false);
      if (watched) {
        peak = listing.watcher().peakLiveHeap() - baseline;
        largestPage = listing.watcher().largestPage();
        cleared = listing.watcher().clearedAfterGc();
      }
      if (tick >= FIRST_MEASURED_TICK && tick % MEASURE_EVERY == 0) {
        retained.add(liveHeap() - baseline);
      }
    }
    // A tick in the next window closes the last one; no raise before it, so nothing is left open.
    Instant last = t0.plus(TICK.multipliedBy(TICKS));
    listing.requests().start();
    collector.tick(last.plus(WINDOW));
    pageRequests.add(listing.requests().stop());
    SeriesArrays series = collector.series();
    Reference.reachabilityFence(collector);
    return new Run(name, selected, expected, selected * (double) TICKS * TICK.getSeconds(), series,
        retained, peak, pageRequests, largestPage, cleared, tickNanos / 1e6 / TICKS);
  }

  /**
   * What the kubelet would do between two ticks: raises the restart counts of some selected pods,
   * some unselected crowd pods and some pods elsewhere; returns the increments of selected pods.
   */
  private static long raiseRestarts(SplittableRandom random, int selected) {
    int[] chosen = random.ints(0, selected).distinct().limit(SELECTED_RAISES_PER_TICK).toArray();
    int[] unselected = selected == CROWD_PODS ? new int[0]
        : random.ints(selected, CROWD_PODS).distinct().limit(UNSELECTED_RAISES_PER_TICK).toArray();
    int[] elsewhere = random.ints(0, ELSEWHERE_PODS).distinct().limit(UNSELECTED_RAISES_PER_TICK).toArray();
    int[] bursts = random.ints(chosen.length + unselected.length + elsewhere.length, 1, 4).toArray();
    List<Runnable> raises = new ArrayList<>();
    long counted = 0;
    for (int i = 0; i < chosen.length; i++) {
      counted += bursts[i];
      raises.add(raise(CROWD, chosen[i], crowdRestarts, bursts[i]));
    }
    for (int i = 0; i < unselected.length; i++) {
      raises.add(raise(CROWD, unselected[i], crowdRestarts, bursts[chosen.length + i]));
    }
    for (int i = 0; i < elsewhere.length; i++) {
      raises.add(raise(ELSEWHERE, elsewhere[i], elsewhereRestarts, bursts[chosen.length + unselected.length + i]));
    }
    inParallel(raises.size(), i -> raises.get(i).run());
    return counted;
  }

  private static Runnable raise(String namespace, int pod, int[] restarts, int by) {
    return () -> {
      restarts[pod] += by;
      client.pods().inNamespace(namespace).withName(podName(pod)).editStatus(p ->
          new PodBuilder(p).withStatus(status(restarts[pod])).build());
    };
  }

  private static String podName(int index) {
    return "pod-" + index;
  }

  /** One pod and its status (initial restartCount index mod 4, a baseline that must not count). */
  private static void createPod(String namespace, int index, int[] restarts, Map<String, String> labels) {
    Pod created = client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(podName(index)).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(IMAGE).endContainer().endSpec()
        .build()).create();
    restarts[index] = index % 4;
    created.setStatus(status(restarts[index]));
    client.pods().inNamespace(namespace).resource(created).updateStatus();
  }

  private static PodStatus status(int restarts) {
    return new PodStatusBuilder().withPhase("Running")
        .withContainerStatuses(new ContainerStatusBuilder().withName("app").withImage(IMAGE)
            .withImageID("").withReady(false).withStarted(false).withRestartCount(restarts)
            .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
            .build())
        .build();
  }

  /** Heap taken by one decoded Pod: a page of {@link PodRestartSource#PAGE_SIZE} pods held vs released. */
  private static double measureDecodedPod() {
    // Decoding once first, so Jackson's deserializer caches are not counted as pod bytes.
    listing.client().pods().inNamespace(CROWD).list(new ListOptionsBuilder().withLimit(1L).build());
    long without = liveHeap();
    PodList page = listing.client().pods().inNamespace(CROWD)
        .list(new ListOptionsBuilder().withLimit(PodRestartSource.PAGE_SIZE).build());
    long with = liveHeap();
    int pods = page.getItems().size();
    Reference.reachabilityFence(page);
    return (with - without) / (double) pods;
  }

  /** Live heap: the least heap "used" over three full collections. */
  static long liveHeap() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** Runs {@code task} for 0..count-1 on the pool's threads and waits for all of them. */
  private static void inParallel(int count, IntConsumer task) {
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      parts.add(pool.submit(() -> {
        for (int i = first; i < count; i += THREADS) {
          task.accept(i);
        }
      }));
    }
    try {
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The client the collectors list with, and what it observes. (Held in a record because
   * kube-api-test injects into the one static KubernetesClient field a class may have.)
   */
  private record Listing(KubernetesClient client, PageWatcher watcher, PodRequests requests) {

    static Listing create(KubernetesClient apiServer) {
      PageWatcher watcher = new PageWatcher();
      PodRequests requests = new PodRequests();
      return new Listing(new KubernetesClientBuilder().withConfig(apiServer.getConfiguration())
          .withKubernetesSerialization(watcher)
          .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("pod-requests", requests))
          .build(), watcher, requests);
    }
  }

  /**
   * The listing client's decoder. While watching one tick it keeps weak references to every
   * decoded PodList and Pod, and samples the live heap right after each page is decoded, while
   * the page is still strongly held: the largest sample is the tick's peak live set.
   */
  static final class PageWatcher extends KubernetesSerialization {

    private final List<WeakReference<Object>> decoded = new CopyOnWriteArrayList<>();
    private volatile boolean watching;
    private long peak;
    private long largestPage;

    void watch(boolean on) {
      if (on) {
        decoded.clear();
        peak = 0;
        largestPage = 0;
      }
      watching = on;
    }

    long peakLiveHeap() {
      return peak;
    }

    long largestPage() {
      return largestPage;
    }

    /** For each decoded object of the watched tick: whether a GC cleared it (nothing keeps it). */
    List<Boolean> clearedAfterGc() {
      liveHeap();
      List<Boolean> cleared = decoded.stream().map(ref -> ref.get() == null).toList();
      decoded.clear();
      return cleared;
    }

    @Override
    public <T> T unmarshal(InputStream in, TypeReference<T> type) {
      T value = super.unmarshal(in, type);
      if (watching && value instanceof PodList page) {
        decoded.add(new WeakReference<>(page));
        page.getItems().forEach(pod -> decoded.add(new WeakReference<>(pod)));
        largestPage = Math.max(largestPage, page.getItems().size());
        peak = Math.max(peak, liveHeap());
        Reference.reachabilityFence(page);
      }
      return value;
    }
  }

  /**
   * Counts the pod LIST requests between {@link #start()} and {@link #stop()}: how many, how many
   * carry a limit of {@link PodRestartSource#PAGE_SIZE}, how many a continue token. (Counts, not
   * URIs: keeping every URI would itself grow the heap this test measures.)
   */
  static final class PodRequests implements Interceptor {

    /** The pod LIST requests of one tick. */
    record Tick(int requests, int limited, int continued) {}

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger limited = new AtomicInteger();
    private final AtomicInteger continued = new AtomicInteger();
    private volatile boolean recording;

    void start() {
      requests.set(0);
      limited.set(0);
      continued.set(0);
      recording = true;
    }

    Tick stop() {
      recording = false;
      return new Tick(requests.get(), limited.get(), continued.get());
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (recording && "GET".equals(request.method()) && request.uri().getPath().endsWith("/pods")) {
        List<String> query = Arrays.asList(request.uri().getQuery().split("&"));
        requests.incrementAndGet();
        if (query.contains("limit=" + PodRestartSource.PAGE_SIZE)) {
          limited.incrementAndGet();
        }
        if (query.stream().anyMatch(parameter -> parameter.startsWith("continue="))) {
          continued.incrementAndGet();
        }
      }
    }
  }
}
