package io.countcast.signal;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the restart counters of the pods one CountForecast selects.
 *
 * <p>Memory stays bounded however many pods the cluster has: each tick does a LIST of one
 * namespace with the label selector applied by the API server, in pages of {@value #PAGE_SIZE},
 * and every Pod is reduced to a {@link PodObservation} (uid, name, timestamps, phase, restart
 * counters) as soon as its page arrives. No Pod object is cached between ticks, and no informer
 * watches pods cluster-wide. (A shared informer would save the LIST, but fabric8 7.5.2 informers
 * have no transform hook that strips objects before they are cached.) The cost is one paginated
 * LIST per CountForecast per tick, proportional to the selected pods only.
 *
 * <p>Ephemeral (debug) containers are ignored: they do not restart.
 */
public final class PodRestartSource {

  static final long PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final String namespace;
  private final LabelSelector selector;
  private final long pageSize;

  public PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector) {
    this(client, namespace, selector, PAGE_SIZE);
  }

  /** With a custom page size, so tests can exercise pagination with a few pods. */
  PodRestartSource(KubernetesClient client, String namespace, LabelSelector selector, long pageSize) {
    this.client = client;
    this.namespace = namespace;
    this.selector = selector;
    this.pageSize = pageSize;
  }

  /** A complete snapshot of the selected pods, reduced to what the signal needs. */
  public List<PodObservation> observe() {
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
