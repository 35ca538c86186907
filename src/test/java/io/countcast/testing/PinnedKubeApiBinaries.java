package io.countcast.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a kube-api-test class up front, with a plain message, unless the pinned binaries that
 * {@code scripts/control-plane.sh install} builds are in kube-api-test's layout
 * ({@code ~/.kubeapitest/k8s/<version>-linux-amd64/}). Declare it before
 * {@code @EnableKubeAPIServer} so it runs first: {@code @ExtendWith(PinnedKubeApiBinaries.class)}.
 *
 * <p>This is what keeps the tests offline. kube-api-test downloads missing binaries, and its own
 * switch against that, {@code KUBE_API_TEST_OFFLINE_MODE}, cannot be used with 7.5.2 (it fails
 * with a ClassCastException for any value).
 */
public final class PinnedKubeApiBinaries implements BeforeAllCallback {

  /** Set by the Maven build from {@code tools/control-plane/versions.env}. */
  static final String VERSION_VARIABLE = "KUBE_API_TEST_API_SERVER_VERSION";
  private static final List<String> REQUIRED = List.of("etcd", "kube-apiserver", "kubectl");

  /** The pinned Kubernetes version without "v", e.g. {@code 1.37.2}. */
  public static String pinnedVersion() {
    String version = System.getenv(VERSION_VARIABLE);
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(VERSION_VARIABLE + " is not set; run the tests through"
          + " Maven (./mvnw test), which sets it from tools/control-plane/versions.env");
    }
    return version;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String version = pinnedVersion();
    Path dir = binaryRoot().resolve("k8s").resolve(version + "-linux-amd64");
    for (String binary : REQUIRED) {
      if (!Files.isExecutable(dir.resolve(binary))) {
        throw new IllegalStateException("missing " + dir.resolve(binary)
            + "; build the pinned control plane with: scripts/control-plane.sh install");
      }
    }
  }

  private static Path binaryRoot() {
    String configured = System.getenv("KUBE_API_TEST_DIR");
    return configured != null ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".kubeapitest");
  }
}
