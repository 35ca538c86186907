package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.RuntimeClasspath;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's out-of-cluster command, {@code bin/countcast operator} with no options, against a
 * real kube-apiserver through a plain admin kubeconfig (kube-api-test's client certificate) and
 * no in-cluster namespace: the Lease goes to the kubeconfig context's namespace, or to
 * {@code default} when the context names none, and the log says which. Only the environment
 * moves the HTTP server to a free loopback port, so the command stays exactly the README's.
 */
class LeaseNamespaceIT {

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  @TempDir
  Path dir;

  @BeforeAll
  static void crd() throws IOException {
    CustomResourceDefinitions.applyFromFile(API_SERVER.client(),
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
  }

  @Test
  void withoutAContextNamespaceTheLeaseGoesToDefault() throws Exception {
    Process operator = readmeCommand("plain", null);
    try {
      awaitLease("default", "plain", operator);
      assertThat(log("plain")).contains("leader election: Lease default/countcast-operator "
          + "(no --lease-namespace, POD_NAMESPACE or kubeconfig context namespace; using default)");
    } finally {
      stop(operator);
    }
  }

  @Test
  void theKubeconfigContextsNamespaceHoldsTheLease() throws Exception {
    API_SERVER.client().namespaces().resource(
        new NamespaceBuilder().withNewMetadata().withName("ops").endMetadata().build())
        .serverSideApply();
    Process operator = readmeCommand("ops", "ops");
    try {
      awaitLease("ops", "ops", operator);
      assertThat(log("ops")).contains("leader election: Lease ops/countcast-operator "
          + "(the namespace of kubeconfig context ");
    } finally {
      stop(operator);
    }
  }

  /** {@code bin/countcast operator}, as the README writes it, with this kubeconfig namespace. */
  private Process readmeCommand(String name, String namespace) throws IOException {
    Config kubeconfig = KubeConfigUtils.parseConfigFromString(API_SERVER.kubeconfigYaml());
    kubeconfig.getContexts().forEach(c -> c.getContext().setNamespace(namespace));
    Path file = dir.resolve(name + ".kubeconfig");
    Files.writeString(file, Serialization.asYaml(kubeconfig));
    ProcessBuilder builder = new ProcessBuilder(List.of("bin/countcast", "operator"))
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().keySet().removeIf(k -> k.equals("POD_NAMESPACE")
        || k.equals("KUBERNETES_NAMESPACE") || k.startsWith("COUNTCAST_"));
    builder.environment().put("KUBECONFIG", file.toString());
    builder.environment().put("POD_NAME", name);
    builder.environment().put("COUNTCAST_HTTP_ADDRESS", "127.0.0.1");
    builder.environment().put("COUNTCAST_HTTP_PORT", "0");
    // The classes of this build (bin/countcast would otherwise build or use target/countcast.jar).
    builder.environment().put("COUNTCAST_CLASSPATH", RuntimeClasspath.get());
    return builder.start();
  }

  private void awaitLease(String namespace, String identity, Process operator) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      assertThat(operator.isAlive()).as("operator running; log:%n%s", log(identity)).isTrue();
      Lease lease = API_SERVER.client().leases().inNamespace(namespace)
          .withName(OperatorSettings.DEFAULT_LEASE_NAME).get();
      return lease != null && identity.equals(lease.getSpec().getHolderIdentity());
    });
  }

  private static void stop(Process operator) throws InterruptedException {
    operator.destroy();
    assertThat(operator.waitFor(15, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
  }
}
