package io.countcast.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastStatus;
import io.countcast.testing.ControlPlane;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on a real node: the image from scripts/image.sh, loaded with scripts/node.sh
 * into a node joined to a control plane of scripts/control-plane.sh, installed with
 * {@code kubectl apply -f crds/ -f manifests/} exactly as the README says. A Deployment whose
 * container exits every few seconds really crash-loops; a CountForecast trains on those restarts;
 * killing the leader hands over within the Lease time without disturbing the forecast; and
 * {@code node.sh stop} leaves nothing behind.
 *
 * <p>Skipped, with the reason, where the machine cannot run a node ({@code node.sh check}: no
 * root, no cgroups, not installed) or the image was not built (scripts/test.sh builds it). The
 * steps run in order and share one node; each step's time is written to target/node-it/timings.
 */
@Tag("node")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIT {

  private static final Path NODE_SH = Path.of("scripts/node.sh").toAbsolutePath();
  private static final Path IMAGE = Path.of("target/countcast-image.tar").toAbsolutePath();
  private static final Path TIMINGS = Path.of("target/node-it/timings");
  private static final String SYSTEM = "countcast-system";
  private static final String APP = "crashloop";
  private static final Duration LEASE = Duration.ofSeconds(15);   // OperatorSettings.defaults()
  /** What node.sh stop must restore; read before the node starts. */
  private static final List<String> SYSCTLS = List.of("vm.overcommit_memory", "kernel.panic",
      "kernel.panic_on_oops", "net.ipv4.ip_forward");

  private static ControlPlane controlPlane;
  private static KubernetesClient client;
  private static Map<String, String> env;
  private static Map<String, String> sysctlsBefore;
  private static boolean nodeStarted;
  private static final List<String> timings = new ArrayList<>();

  @BeforeAll
  static void startNode() throws Exception {
    Run check = run(List.of("bash", NODE_SH.toString(), "check"), Map.of(), 60);
    assumeTrue(check.exit == 0, "no real node on this machine: " + check.output.strip());
    assumeTrue(Files.isRegularFile(IMAGE),
        "target/countcast-image.tar is missing: build it with scripts/image.sh (scripts/test.sh does)");
    Run status = run(List.of("bash", NODE_SH.toString(), "status"), Map.of(), 60);
    assumeTrue(status.exit != 0, "a node of scripts/node.sh is already running; stop it first:\n"
        + status.output);
    sysctlsBefore = readSysctls();

    long t0 = System.nanoTime();
    controlPlane = new ControlPlane();
    controlPlane.start();
    client = controlPlane.client();
    timing("control plane start", t0);
    // Back-off capped at 20 s (kubelet crashLoopBackOff.maxContainerRestartPeriod) instead of
    // 300 s, so the crash loop keeps restarting at a steady rate while the test watches.
    env = Map.of("CP_DIR", controlPlane.kubeconfig().getParent().toString(), "NODE_CRASHLOOP_MAX", "20s");

    t0 = System.nanoTime();
    nodeStarted = true;
    node("start", 300);
    timing("node.sh start", t0);
    t0 = System.nanoTime();
    node("load " + IMAGE, 300);
    timing("node.sh load countcast-image.tar", t0);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    try {
      if (nodeStarted) {
        node("stop", 300);   // idempotent: the last test has stopped it already if it ran
      }
    } finally {
      if (controlPlane != null) {
        controlPlane.close();
      }
      Files.createDirectories(TIMINGS.getParent());
      Files.write(TIMINGS, timings);
    }
  }

  @Test
  @Order(1)
  void operatorRunsInClusterFromTheManifestsWithTwoReplicasOneHoldingTheLease() throws Exception {
    long t0 = System.nanoTime();
    kubectl("apply", "-f", "crds/", "-f", "manifests/");
    Awaitility.await("2 operator replicas Ready (probes pass)").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> readyOperatorPods().size() == 2);
    Awaitility.await("one replica holds the Lease").atMost(Duration.ofMinutes(1))
        .until(() -> readyOperatorPods().contains(leaseHolder()));
    timing("in-cluster operator ready (2 replicas, Lease held)", t0);

    Pod pod = operatorPods().get(0);
    assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/countcast/countcast:0.1.0");
    assertThat(pod.getStatus().getContainerStatuses()).allSatisfy(s -> assertThat(s.getRestartCount()).isZero());
  }

  @Test
  @Order(2)
  void aForecastTrainsOnTheRestartsOfARealCrashLoop() throws Exception {
    long t0 = System.nanoTime();
    apply(resource("crashloop.yaml"));
    Awaitility.await("the container restarts and backs off").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> appPods().stream().anyMatch(p -> waitingReason(p).equals("CrashLoopBackOff")));
    timing("Deployment crash-loops (CrashLoopBackOff)", t0);

    apply(resource("crashloop-forecast.yaml"));
    Awaitility.await("the CountForecast trains and forecasts").atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> trained(status()));
    timing("CountForecast trained on real restarts", t0);

    CountForecastStatus status = status();
    assertThat(totalRestarts()).as("restarts the kubelet counted").isGreaterThanOrEqualTo(3);
    assertThat(status.getSignalKind()).isEqualTo("podRestarts");
    assertThat(status.getExpectedNext()).as("a model fitted on real restarts expects some").isPositive();
    assertThat(status.getForecast()).isNotEmpty();
  }

  @Test
  @Order(3)
  void podsReachTheApiServerButNothingLeavesTheMachine() throws Exception {
    String gateway = run(List.of("sh", "-c", "ip -4 route show default | awk '{print $3; exit}'"), Map.of(), 10)
        .output.strip();
    assumeTrue(!gateway.isEmpty(), "this machine has no default route to test egress against");
    long dropsBefore = forwardDrops();
    // Succeeds only if the gateway cannot be reached and the API server can (10.0.0.1:443).
    apply(resource("egress-probe.yaml").replace("GATEWAY", gateway));
    Awaitility.await("the egress probe finishes").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> List.of("Succeeded", "Failed").contains(egressProbePhase()));
    assertThat(egressProbePhase()).as("gateway %s unreachable from a pod, API server reachable", gateway)
        .isEqualTo("Succeeded");
    assertThat(forwardDrops()).as("packets FORWARD dropped on the bridge").isGreaterThan(dropsBefore);
  }

  @Test
  @Order(4)
  void killingTheLeaderHandsOverWithinTheLeaseAndTheForecastGoesOn() throws Exception {
    String leader = leaseHolder();
    CountForecastStatus before = status();
    long t0 = System.nanoTime();
    client.pods().inNamespace(SYSTEM).withName(leader).withGracePeriod(0).delete();
    Awaitility.await("another replica takes the Lease").atMost(LEASE.multipliedBy(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          String holder = leaseHolder();
          return holder != null && !holder.equals(leader);
        });
    Duration handover = Duration.ofNanos(System.nanoTime() - t0);
    timing("leader killed -> Lease handed over", t0);
    assertThat(handover).as("handover after killing the leader").isLessThanOrEqualTo(LEASE.plusSeconds(10));

    // The new leader continues from the stored history: the forecast keeps being refreshed,
    // with at least as many samples, and never drops back to untrained.
    Awaitility.await("the new leader refreshes the forecast").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> !status().getLastForecastTime().equals(before.getLastForecastTime()));
    CountForecastStatus after = status();
    assertThat(trained(after)).isTrue();
    assertThat(after.getSamples()).isGreaterThanOrEqualTo(before.getSamples());
    assertThat(after.getLastTrainedTime()).isNotNull();
  }

  @Test
  @Order(5)
  void stopLeavesNothingBehindAndKeepsTheControlPlane() throws Exception {
    client.resources(CountForecast.class).inNamespace(APP).delete();   // finalizer, operator still up
    Awaitility.await("CountForecasts deleted").atMost(Duration.ofMinutes(1))
        .until(() -> client.resources(CountForecast.class).inAnyNamespace().list().getItems().isEmpty());
    long t0 = System.nanoTime();
    node("stop", 300);
    timing("node.sh stop", t0);

    assertThat(processesOf("/run/countcast-node", "/var/lib/countcast-node")).as("processes").isEmpty();
    for (String family : List.of("iptables", "ip6tables")) {
      for (String table : List.of("filter", "nat", "mangle")) {
        String rules = run(List.of(family, "-t", table, "-S"), Map.of(), 30).output;
        assertThat(rules).as("%s -t %s", family, table)
            .doesNotContain("countcast-node").doesNotContain("KUBE-KUBELET-CANARY")
            .doesNotContain("KUBE-FIREWALL").doesNotContain("KUBE-IPTABLES-HINT");
      }
    }
    String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
    assertThat(mounts).as("mounts").doesNotContain("/run/countcast-node").doesNotContain("/var/lib/countcast-node")
        .doesNotContain("/run/netns/cni-");
    assertThat(run(List.of("ip", "link", "show", "ccnode0"), Map.of(), 10).exit).as("bridge").isNotZero();
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      assertThat(hierarchies.map(h -> h.resolve("kubepods"))).as("kubepods cgroups").noneMatch(Files::exists);
    }
    assertThat(readSysctls()).as("sysctls restored").isEqualTo(sysctlsBefore);
    assertThat(client.getKubernetesVersion().getGitVersion()).as("the control plane still runs").isNotBlank();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static boolean trained(CountForecastStatus s) {
    return s != null && s.getLastTrainedTime() != null && s.getModel() != null && !s.getForecast().isEmpty()
        && s.getExpectedNext() != null && s.getLastForecastTime() != null
        && s.getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static CountForecastStatus status() {
    CountForecast cf = client.resources(CountForecast.class).inNamespace(APP).withName(APP + "-restarts").get();
    return cf == null ? null : cf.getStatus();
  }

  private static List<Pod> operatorPods() {
    return client.pods().inNamespace(SYSTEM).withLabel("app.kubernetes.io/name", "countcast").list().getItems()
        .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  private static List<String> readyOperatorPods() {
    return operatorPods().stream()
        .filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
        .map(p -> p.getMetadata().getName()).toList();
  }

  private static String leaseHolder() {
    Lease lease = client.leases().inNamespace(SYSTEM).withName("countcast-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static String egressProbePhase() {
    Pod pod = client.pods().inNamespace(APP).withName("egress-probe").get();
    return pod == null || pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
  }

  /** Packets our FORWARD rules dropped on the pod bridge (iptables counters). */
  private static long forwardDrops() throws IOException {
    return run(List.of("iptables", "-L", "FORWARD", "-v", "-n", "-x"), Map.of(), 10).output.lines()
        .filter(l -> l.contains("countcast-node") && l.contains("DROP"))
        .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[0])).sum();
  }

  private static List<Pod> appPods() {
    return client.pods().inNamespace(APP).withLabel("app", APP).list().getItems();
  }

  private static String waitingReason(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> s.getState().getWaiting() != null)
        .map(s -> s.getState().getWaiting().getReason()).findFirst().orElse("");
  }

  private static int totalRestarts() {
    return appPods().stream().flatMap(p -> p.getStatus().getContainerStatuses().stream())
        .mapToInt(ContainerStatus::getRestartCount).sum();
  }

  private static void apply(String yaml) {
    client.resourceList(yaml).serverSideApply();
  }

  private static String resource(String name) throws IOException {
    try (var in = NodeIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void kubectl(String... args) throws Exception {
    Path kubectl = Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s",
        PinnedKubeApiBinaries.pinnedVersion() + "-linux-amd64", "kubectl");
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig",
        controlPlane.kubeconfig().toString()));
    command.addAll(List.of(args));
    Run r = run(command, Map.of(), 120);
    assertThat(r.exit).as("kubectl %s:%n%s", String.join(" ", args), r.output).isZero();
  }

  private static void node(String args, long timeoutSeconds) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", NODE_SH.toString()));
    command.addAll(List.of(args.split(" ")));
    Run r = run(command, env, timeoutSeconds);
    assertThat(r.exit).as("node.sh %s:%n%s", args, r.output).isZero();
  }

  /** Pids whose command line names one of our node directories (containerd, shims, kubelet). */
  private static List<String> processesOf(String... dirs) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
          continue;
        }
        for (String dir : dirs) {
          if (cmdline.contains(dir)) {
            found.add(p.getFileName() + ": " + cmdline);
          }
        }
      }
    }
    return found;
  }

  private static Map<String, String> readSysctls() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : SYSCTLS) {
      values.put(key, Files.readString(Path.of("/proc/sys", key.split("\\."))).strip());
    }
    return values;
  }

  private static void timing(String step, long startNanos) {
    String line = String.format("%-55s %6.1f s", step, (System.nanoTime() - startNanos) / 1e9);
    timings.add(line);
    System.out.println("[NodeIT] " + line);
  }

  private record Run(int exit, String output) {
  }

  private static Run run(List<String> command, Map<String, String> extraEnv, long timeoutSeconds)
      throws IOException {
    Path out = Files.createTempFile("node-it-", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      builder.environment().putAll(extraEnv);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Run(-1, String.join(" ", command) + " timed out\n" + Files.readString(out));
      }
      return new Run(process.exitValue(), Files.readString(out));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
