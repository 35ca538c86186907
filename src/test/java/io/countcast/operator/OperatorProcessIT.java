package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.RuntimeClasspath;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as its own JVM process ({@code countcast operator}, leader election on, as in the
 * chart), against a real kube-apiserver: how the process ends is what a Deployment sees, and
 * in-process tests cannot show it. SIGTERM must end it promptly, and a successor must take over
 * (JOSDK 5.2.3 does not release the Lease on stop, so that takes up to the 15 s Lease duration);
 * losing the Lease to another holder must end it with status 1, so two replicas never reconcile
 * at once.
 */
class OperatorProcessIT {

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();
  private static final String LEASE = OperatorSettings.DEFAULT_LEASE_NAME;

  @TempDir
  Path dir;

  @BeforeAll
  static void crd() throws IOException {
    CustomResourceDefinitions.applyFromFile(API_SERVER.client(),
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
  }

  @Test
  void sigtermEndsTheProcessPromptlyAndASuccessorTakesOver() throws Exception {
    Process operator = start("term");
    awaitLeader("term", operator);

    long sent = System.nanoTime();
    operator.destroy(); // SIGTERM
    assertThat(operator.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM; log:%n%s",
        log("term")).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(15));

    Process successor = start("next");
    try {
      awaitLeader("next", successor);
    } finally {
      successor.destroy();
      assertThat(successor.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void losingTheLeaseEndsTheProcessWithStatusOne() throws Exception {
    Process operator = start("lose");
    awaitLeader("lose", operator);

    // Another replica takes over (as after a network partition): a fresh, long Lease of its own.
    // The edit is optimistic (resourceVersion): when the operator renews the Lease between our
    // read and our write, the API server answers 409 Conflict, and we read and write again.
    KubernetesClient client = API_SERVER.client();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> e instanceof
        KubernetesClientException k && k.getCode() == 409).until(() -> {
          client.leases().inNamespace("default").withName(LEASE).edit(l -> {
            l.getSpec().setHolderIdentity("another-replica");
            l.getSpec().setLeaseDurationSeconds(600);
            l.getSpec().setRenewTime(ZonedDateTime.now());
            l.getSpec().setAcquireTime(ZonedDateTime.now());
            return l;
          });
          return true;
        });

    assertThat(operator.waitFor(60, TimeUnit.SECONDS)).as("exited after losing the Lease; log:%n%s",
        log("lose")).isTrue();
    assertThat(operator.exitValue()).isEqualTo(1);
    assertThat(log("lose")).contains("lost the Lease; exiting");
  }

  private Process start(String name) throws IOException {
    Path kubeconfig = dir.resolve(name + ".kubeconfig");
    Files.writeString(kubeconfig, API_SERVER.kubeconfigYaml());
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", RuntimeClasspath.get(), "io.countcast.cli.CountcastCli", "operator",
        "--leader-election", "--lease-namespace", "default", "--identity", name,
        "--http-address", "127.0.0.1", "--http-port", "0"))
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    return builder.start();
  }

  private void awaitLeader(String identity, Process operator) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      assertThat(operator.isAlive()).as("operator running; log:%n%s", log(identity)).isTrue();
      Lease lease = lease();
      return lease != null && identity.equals(lease.getSpec().getHolderIdentity());
    });
  }

  private static Lease lease() {
    return API_SERVER.client().leases().inNamespace("default").withName(LEASE).get();
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
  }
}
