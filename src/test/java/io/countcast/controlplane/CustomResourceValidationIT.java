package io.countcast.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real kube-apiserver (fabric8 kube-api-test, pinned binaries) enforces a CRD's OpenAPI schema
 * and CEL rules: invalid custom resources are rejected with messages naming the field.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class CustomResourceValidationIT {

  private static final String NAMESPACE = "default";
  private static final Path PROJECT_CRDS = Path.of("crds");
  private static final ResourceDefinitionContext SAMPLE_FORECAST =
      new ResourceDefinitionContext.Builder()
          .withGroup("test.countcast.io").withVersion("v1alpha1")
          .withKind("SampleForecast").withPlural("sampleforecasts").withNamespaced(true)
          .build();

  static KubernetesClient client;

  @BeforeAll
  static void installSampleCrd() {
    CustomResourceDefinitions.applyFromClasspath(client, "/controlplane/sample-forecast-crd.yaml");
  }

  @Test
  void acceptsAValidResource() {
    create(sampleForecast("valid", Map.of(
        "target", "checkout-api", "horizonMinutes", 60, "minReplicas", 2, "maxReplicas", 5)));

    GenericKubernetesResource stored = client.genericKubernetesResources(SAMPLE_FORECAST)
        .inNamespace(NAMESPACE).withName("valid").get();
    assertThat(stored.get("spec", "target").toString()).isEqualTo("checkout-api");
    assertThat(((Number) stored.get("spec", "horizonMinutes")).intValue()).isEqualTo(60);
  }

  @Test
  void rejectsAMissingRequiredField() {
    assertRejected(sampleForecast("no-horizon", Map.of("target", "checkout-api")),
        "spec.horizonMinutes: Required value");
  }

  @Test
  void rejectsAValueNotMatchingThePattern() {
    assertRejected(sampleForecast("bad-target", Map.of("target", "Checkout_API", "horizonMinutes", 60)),
        "spec.target: Invalid value: \"Checkout_API\"",
        "should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'");
  }

  @Test
  void rejectsAValueAboveTheMaximum() {
    assertRejected(sampleForecast("too-far", Map.of("target", "checkout-api", "horizonMinutes", 1441)),
        "spec.horizonMinutes: Invalid value: 1441", "should be less than or equal to 1440");
  }

  @Test
  void rejectsAValueBelowTheMinimum() {
    assertRejected(sampleForecast("too-near", Map.of("target", "checkout-api", "horizonMinutes", 0)),
        "spec.horizonMinutes: Invalid value: 0", "should be greater than or equal to 1");
  }

  @Test
  void rejectsAViolatedCelRule() {
    assertRejected(sampleForecast("inverted", Map.of(
            "target", "checkout-api", "horizonMinutes", 60, "minReplicas", 6, "maxReplicas", 5)),
        "minReplicas must not exceed maxReplicas");
  }

  /** The project's own CRDs (crds/*.yaml, once they exist) must be accepted and served. */
  @Test
  void appliesEveryCrdOfTheProject() throws IOException {
    assumeTrue(Files.isDirectory(PROJECT_CRDS), "no crds/ folder in this checkout yet");
    List<CustomResourceDefinition> applied = new ArrayList<>();
    try (Stream<Path> files = Files.list(PROJECT_CRDS)) {
      for (Path file : files.filter(CustomResourceValidationIT::isYaml).sorted().toList()) {
        applied.addAll(CustomResourceDefinitions.applyFromFile(client, file));
      }
    }
    assertThat(applied).as("CRDs found in %s", PROJECT_CRDS.toAbsolutePath()).isNotEmpty();
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static GenericKubernetesResource sampleForecast(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("test.countcast.io/v1alpha1").withKind("SampleForecast")
        .withNewMetadata().withNamespace(NAMESPACE).withName(name).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static void create(GenericKubernetesResource resource) {
    client.genericKubernetesResources(SAMPLE_FORECAST).inNamespace(NAMESPACE)
        .resource(resource).create();
  }

  private static void assertRejected(GenericKubernetesResource resource, String... messageParts) {
    assertThatThrownBy(() -> create(resource))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).as("HTTP status").isEqualTo(422);
          assertThat(e.getStatus().getMessage()).contains(messageParts);
        });
    assertThat(client.genericKubernetesResources(SAMPLE_FORECAST).inNamespace(NAMESPACE)
        .withName(resource.getMetadata().getName()).get()).as("stored resource").isNull();
  }
}
