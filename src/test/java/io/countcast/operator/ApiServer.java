package io.countcast.operator;

import io.countcast.testing.KubeApiTestFlags;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kube-apiserver and etcd from fabric8 kube-api-test for one test class, offline (the
 * pinned binaries under ~/.kubeapitest), on loopback.
 *
 * <p>Why not {@code @EnableKubeAPIServer}: kube-api-test 7.5.2 reads the environment variable
 * {@code KUBE_API_TEST_OFFLINE_MODE}, which the build sets, and casts its String value to
 * Boolean, so the annotation fails with a ClassCastException. Setting offline mode on the config
 * builder bypasses that lookup.
 */
final class ApiServer implements BeforeAllCallback, AfterAllCallback {

  private final Map<String, String> extraFlags;
  private KubeAPIServer server;
  private KubernetesClient client;

  /** An API server with kube-api-test's flags (RBAC on) and loopback binding. */
  ApiServer() {
    this(Map.of());
  }

  /** The same with these extra kube-apiserver flags (name with "--", value), e.g. audit logging. */
  ApiServer(Map<String, String> extraFlags) {
    this.extraFlags = Map.copyOf(extraFlags);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withOfflineMode(true)
        .withApiServerFlag(KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK);
    extraFlags.forEach(config::withApiServerFlag);
    server = new KubeAPIServer(config.build());
    server.start();
    client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** A kubeconfig for this API server, for code that builds its own client. */
  String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }
}
