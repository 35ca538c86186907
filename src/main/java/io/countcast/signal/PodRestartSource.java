package io.countcast.signal;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the restart counters of the pods one CountForecast selects.
 *
 * <p>From the namespace's pod cache when there is one ({@link #caches}: one watch per namespace
 * with restart CountForecasts, shared by them, holding slim Pods, see {@link #slim}), filtered
 * by the CountForecast's own selector in the process. While that cache is not current (still
 * listing, or its watch is down) and without a cache, a tick does a LIST of the namespace with
 * the label selector applied by the API server, in pages of {@value #PAGE_SIZE}. Either way
 * every Pod is reduced to a {@link PodObservation} (uid, name, timestamps, phase, restart
 * counters) at once. docs/scale.md compares the two (API requests against memory per pod).
 *
 * <p>Ephemeral (debug) containers are ignored: they do not restart.
 */
public final class PodRestartSource {

  static final long PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final String namespace;
  private final LabelSelector selector;
  private final long pageSize;
  private final NamespaceCaches<Pod> cache;
  private final String holder;
  /** The selector evaluated on cached pods; null if only the API server can judge it. */
  private final LabelSelectorMatch match;

  /** A source that LISTs on every tick. */
  public PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector) {
    this(client, namespace, selector, PAGE_SIZE, null, null);
  }

  /**
   * A source that reads {@code cache} while it is current, as {@code holder} (the
   * CountForecast's uid; release it from the cache when the CountForecast goes).
   */
  public PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector,
      NamespaceCaches<Pod> cache, String holder) {
    this(client, namespace, selector, PAGE_SIZE, cache, holder);
  }

  /** With a custom page size, so tests can exercise pagination with a few pods. */
  PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector, long pageSize) {
    this(client, namespace, selector, pageSize, null, null);
  }

  private PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector,
      long pageSize, NamespaceCaches<Pod> cache, String holder) {
    this.client = client;
    this.namespace = namespace;
    this.selector = selector;
    this.pageSize = pageSize;
    this.cache = cache;
    this.holder = holder;
    this.match = LabelSelectorMatch.of(selector);
  }

  /**
   * One pod cache per namespace, each watching all pods of its namespace and keeping
   * {@linkplain #slim slim} copies.
   */
  public static NamespaceCaches<Pod> caches(KubernetesClient client) {
    return new NamespaceCaches<>(namespace ->
        InformerWatch.start(client.pods().inNamespace(namespace), namespace, PodRestartSource::slim));
  }

  /** A complete snapshot of the selected pods, reduced to what the signal needs. */
  public List<PodObservation> observe() {
    NamespaceWatch<Pod> watch = cache == null || match == null ? null : cache.use(holder, namespace);
    return watch != null ? fromCache(watch) : list();
  }

  private List<PodObservation> fromCache(NamespaceWatch<Pod> watch) {
    List<PodObservation> pods = new ArrayList<>();
    for (Pod pod : watch.items()) {
      if (match.matches(pod.getMetadata().getLabels())) {
        pods.add(toObservation(pod));
      }
    }
    return pods;
  }

  private List<PodObservation> list() {
    List<PodObservation> pods = new ArrayList<>();
    String continueToken = null;
    do {
      PodList page = client.pods().inNamespace(namespace).withLabelSelector(selector)
          .list(new ListOptionsBuilder().withLimit(pageSize).withContinue(continueToken).build());
      for (Pod pod : page.getItems()) {
        pods.add(toObservation(pod));
      }
      continueToken = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (continueToken != null && !continueToken.isEmpty());
    return pods;
  }

  /**
   * The copy of a Pod the cache keeps: what {@link #toObservation} and the selector read (name,
   * namespace, uid, labels, timestamps, phase, each container's name and restart count) and the
   * resourceVersion the informer needs; no spec, annotations or managed fields.
   */
  static Pod slim(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    PodStatus status = pod.getStatus();
    PodStatus slimStatus = new PodStatus();
    if (status != null) {
      slimStatus.setPhase(status.getPhase());
      slimStatus.setInitContainerStatuses(slim(status.getInitContainerStatuses()));
      slimStatus.setContainerStatuses(slim(status.getContainerStatuses()));
    }
    return new PodBuilder().withNewMetadata().withName(meta.getName())
        .withNamespace(meta.getNamespace()).withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion()).withLabels(meta.getLabels())
        .withCreationTimestamp(meta.getCreationTimestamp())
        .withDeletionTimestamp(meta.getDeletionTimestamp()).endMetadata()
        .withStatus(slimStatus).build();
  }

  private static List<ContainerStatus> slim(List<ContainerStatus> statuses) {
    if (statuses == null) {
      return null;
    }
    List<ContainerStatus> slim = new ArrayList<>(statuses.size());
    for (ContainerStatus status : statuses) {
      ContainerStatus copy = new ContainerStatus();
      copy.setName(status.getName());
      copy.setRestartCount(status.getRestartCount());
      slim.add(copy);
    }
    return slim;
  }

  static PodObservation toObservation(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    PodStatus status = pod.getStatus();
    List<ContainerRestarts> containers = new ArrayList<>();
    String phase = null;
    if (status != null) {
      phase = status.getPhase();
      addAll(containers, status.getInitContainerStatuses(), true);
      addAll(containers, status.getContainerStatuses(), false);
    }
    Instant deleting = meta.getDeletionTimestamp() == null ? null : Instant.parse(meta.getDeletionTimestamp());
    return new PodObservation(meta.getUid(), meta.getName(), Instant.parse(meta.getCreationTimestamp()),
        deleting, phase, containers);
  }

  private static void addAll(List<ContainerRestarts> into, List<ContainerStatus> statuses, boolean init) {
    if (statuses == null) {
      return;
    }
    for (ContainerStatus status : statuses) {
      int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
      into.add(new ContainerRestarts(status.getName(), init, restarts));
    }
  }
}
