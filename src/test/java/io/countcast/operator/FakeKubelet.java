package io.countcast.operator;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the kubelet for tests against a bare API server: creates pods of a workload and raises
 * their containers' {@code restartCount} in the pod status over time, in bursts, counting every
 * increment it makes so a test can compare it with what the operator counted.
 */
final class FakeKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> pods = new ArrayList<>();
  private final int[] restarts;
  private final AtomicLong total = new AtomicLong();
  private final SplittableRandom random = new SplittableRandom(42);
  private ScheduledExecutorService ticker;

  /** Creates {@code count} pods labelled {@code labels}, one container "app" each. */
  FakeKubelet(KubernetesClient client, String namespace, String prefix, Map<String, String> labels,
      int count) {
    this.client = client;
    this.namespace = namespace;
    this.restarts = new int[count];
    for (int i = 0; i < count; i++) {
      Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
          .withNewMetadata().withName(prefix + "-" + i).withLabels(labels).endMetadata()
          .withNewSpec().addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10")
          .endContainer().endSpec().build()).create();
      pods.add(pod.getMetadata().getName());
      setRestarts(i, 0);
    }
  }

  /** Starts raising restart counts every {@code periodMillis}, in random bursts. */
  synchronized void start(long periodMillis) {
    ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(this::maybeRestart, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Stops raising and waits for an increment in flight to finish. */
  synchronized void stop() {
    if (ticker != null) {
      ticker.shutdown();
      try {
        ticker.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
    }
  }

  /** Every restart this kubelet reported so far. */
  long totalRestarts() {
    return total.get();
  }

  private void maybeRestart() {
    // Bursty: most ticks nothing, some ticks several restarts at once.
    if (random.nextDouble() < 0.6) {
      return;
    }
    int pod = random.nextInt(restarts.length);
    int burst = 1 + random.nextInt(3);
    setRestarts(pod, restarts[pod] + burst);
    total.addAndGet(burst);
  }

  private void setRestarts(int pod, int count) {
    client.pods().inNamespace(namespace).withName(pods.get(pod)).editStatus(p -> new PodBuilder(p)
        .withStatus(new PodStatusBuilder().withPhase("Running")
            .withContainerStatuses(new ContainerStatusBuilder().withName("app")
                .withImage("registry.k8s.io/pause:3.10").withImageID("").withReady(false)
                .withStarted(false).withRestartCount(count)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting()
                .endState().build())
            .build())
        .build());
    restarts[pod] = count;
  }

  @Override
  public void close() {
    stop();
  }
}
