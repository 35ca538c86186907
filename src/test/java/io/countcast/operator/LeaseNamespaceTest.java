package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * Where the Lease goes when the operator runs out of the cluster with a plain admin kubeconfig
 * (the README's command) and in a pod. {@code LeaseNamespaceIT} shows the same against a real
 * kube-apiserver.
 */
class LeaseNamespaceTest {

  @Test
  void aKubeconfigContextWithoutNamespaceFallsBackToDefaultAndSaysSo() {
    LeaseNamespace where = LeaseNamespace.resolve(null, Config.fromKubeconfig(kubeconfig(null)));

    assertThat(where.namespace()).isEqualTo("default");
    assertThat(where.source()).contains("using default");
  }

  @Test
  void theKubeconfigContextsNamespaceIsUsedAndNamed() {
    LeaseNamespace where = LeaseNamespace.resolve(null, Config.fromKubeconfig(kubeconfig("ops")));

    assertThat(where).isEqualTo(
        new LeaseNamespace("ops", "the namespace of kubeconfig context admin@test"));
  }

  @Test
  void aGivenNamespaceWinsOverTheKubeconfig() {
    LeaseNamespace where = LeaseNamespace.resolve("countcast-system",
        Config.fromKubeconfig(kubeconfig("ops")));

    assertThat(where.namespace()).isEqualTo("countcast-system");
    assertThat(where.source()).contains("POD_NAMESPACE");
  }

  @Test
  void aBlankGivenNamespaceCountsAsNone() {
    assertThat(LeaseNamespace.resolve(" ", Config.fromKubeconfig(kubeconfig(null))).namespace())
        .isEqualTo("default");
  }

  @Test
  void inAPodTheClientsNamespaceIsUsed() {
    // In a pod fabric8 reads the service account's namespace file; there is no kubeconfig context.
    Config inCluster = new ConfigBuilder(Config.empty()).withNamespace("countcast-system").build();

    LeaseNamespace where = LeaseNamespace.resolve(null, inCluster);

    assertThat(where.namespace()).isEqualTo("countcast-system");
    assertThat(where.source()).contains("service account");
  }

  static String kubeconfig(String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: https://127.0.0.1:6443
        users:
        - name: admin
          user:
            token: not-a-real-token
        contexts:
        - name: admin@test
          context:
            cluster: test
            user: admin
        %s
        current-context: admin@test
        """.formatted(namespace == null ? "" : "    namespace: " + namespace);
  }
}
