import io.countcast.signal.InformerWatch;
import io.countcast.signal.NamespaceCaches;
import io.countcast.signal.NamespaceWatch;
import io.countcast.signal.PodRestartSource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Heap per cached pod (scripts/bench/pod-cache-memory.sh): creates PODS pods (a Deployment-like
 * spec, a kubelet-like status written through the status subresource, 250 per namespace unless
 * given; no
 * ownerReference, which the garbage collector would follow to a missing owner), then
 * measures the heap after a full GC with the operator's pod caches on those namespaces (slim
 * copies, {@link PodRestartSource#caches}) and, for comparison, with informers keeping whole Pods.
 *
 * usage: java -XX:+UseSerialGC -cp target/countcast.jar scripts/bench/PodCacheMemory.java KUBECONFIG PODS [PER_NAMESPACE]
 */
public class PodCacheMemory {

  /** Pods per namespace (the optional third argument, default 250). */
  static int perNamespace = 250;

  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    int pods = Integer.parseInt(args[1]);
    perNamespace = args.length > 2 ? Integer.parseInt(args[2]) : perNamespace;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      List<String> namespaces = create(client, pods);
      long base = heapAfterGc();
      long slim = measure(client, namespaces, null);
      long full = measure(client, namespaces, p -> p);
      System.out.printf("{\"pods\": %d, \"namespaces\": %d, \"heap_base_mib\": %.1f, "
          + "\"slim_bytes_per_pod\": %d, \"full_bytes_per_pod\": %d, \"slim_bytes_per_namespace\": %d}%n",
          pods, namespaces.size(), base / 1048576.0, (slim - base) / pods, (full - base) / pods,
          (slim - base) / namespaces.size());
    }
  }

  /** Heap after GC with caches on {@code namespaces}: the operator's (slim) or whole Pods. */
  static long measure(KubernetesClient client, List<String> namespaces, UnaryOperator<Pod> keep)
      throws InterruptedException {
    NamespaceCaches<Pod> caches = keep == null ? PodRestartSource.caches(client)
        : new NamespaceCaches<>(ns -> InformerWatch.start(client.pods().inNamespace(ns), ns, keep));
    for (String ns : namespaces) {
      caches.use("holder-" + ns, ns);
    }
    for (String ns : namespaces) {
      NamespaceWatch<Pod> watch;
      while ((watch = caches.use("holder-" + ns, ns)) == null || watch.items().size() < perNamespace) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    long heap = heapAfterGc();
    caches.close();
    return heap;
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static List<String> create(KubernetesClient client, int pods) {
    List<String> namespaces = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      String ns = "mem-" + (i / perNamespace);
      if (i % perNamespace == 0) {
        namespaces.add(ns);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
            .endMetadata().build()).serverSideApply();
      }
      String name = "web-" + i;
      int restarts = i % 3;
      Map<String, String> labels = Map.of("app", "web-" + (i / 10), "pod-template-hash", "5d8f7c9b6d");
      client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
          .withNamespace(ns).withLabels(labels)
          .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-12-07T10:00:00Z")
          .endMetadata()
          .withNewSpec().addNewContainer().withName("app").withImage("registry.example/web:1.2.3")
          .addNewPort().withContainerPort(8080).withName("http").endPort()
          .addNewEnv().withName("JAVA_OPTS").withValue("-Xmx256m").endEnv()
          .withNewResources().addToRequests("cpu", new Quantity("100m"))
          .addToRequests("memory", new Quantity("256Mi")).addToLimits("memory", new Quantity("512Mi"))
          .endResources()
          .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
          .endReadinessProbe().endContainer().endSpec().build()).create();
      client.pods().inNamespace(ns).withName(name).editStatus(p -> new PodBuilder(p).editOrNewStatus()
          .withPhase("Running").withPodIP("10.1.2.3").withHostIP("10.0.0.1")
          .withStartTime("2026-12-07T10:00:01Z")
          .addNewCondition().withType("Ready").withStatus("True").endCondition()
          .addNewCondition().withType("ContainersReady").withStatus("True").endCondition()
          .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
          .addNewContainerStatus().withName("app").withImage("registry.example/web:1.2.3")
          .withImageID("registry.example/web@sha256:0123456789abcdef").withReady(true)
          .withRestartCount(restarts).withStarted(true)
          .withContainerID("containerd://0123456789abcdef0123456789abcdef")
          .withNewState().withNewRunning().withStartedAt("2026-12-07T10:00:02Z").endRunning()
          .endState().endContainerStatus().endStatus().build());
    }
    return namespaces;
  }
}
