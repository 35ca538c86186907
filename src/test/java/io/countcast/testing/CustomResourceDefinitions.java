package io.countcast.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Installs CustomResourceDefinitions in a test API server and waits until they are served. */
public final class CustomResourceDefinitions {

  private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(30);

  private CustomResourceDefinitions() {
  }

  /** Loads the CRDs from a classpath resource, applies them and waits until each is Established. */
  public static List<CustomResourceDefinition> applyFromClasspath(KubernetesClient client,
      String resource) {
    try (InputStream in = CustomResourceDefinitions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no classpath resource " + resource);
      }
      return apply(client, client.load(in).items());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Loads the CRDs from a YAML file, applies them and waits until each is Established. A YAML
   * error or a CRD the API server rejects fails with the file's name in the message.
   */
  public static List<CustomResourceDefinition> applyFromFile(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return apply(client, client.load(in).items());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<CustomResourceDefinition> apply(KubernetesClient client,
      List<HasMetadata> items) {
    List<CustomResourceDefinition> crds = items.stream()
        .filter(CustomResourceDefinition.class::isInstance)
        .map(CustomResourceDefinition.class::cast)
        .toList();
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd)
          .forceConflicts().serverSideApply();
    }
    for (CustomResourceDefinition crd : crds) {
      awaitEstablished(client, crd.getMetadata().getName());
    }
    return crds;
  }

  /** Waits until the API server reports the CRD Established, i.e. its resources can be used. */
  public static void awaitEstablished(KubernetesClient client, String crdName) {
    await("CRD " + crdName + " established").atMost(ESTABLISHED_TIMEOUT).until(() -> {
      CustomResourceDefinition current =
          client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
      // A just-created CRD may have a status whose conditions are not filled in yet.
      return current != null && current.getStatus() != null
          && current.getStatus().getConditions() != null
          && current.getStatus().getConditions().stream().anyMatch(
              c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }
}
