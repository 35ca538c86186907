package io.countcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifests of docs/autoscaling.md are accepted by a real kube-apiserver: the ScaledObject
 * by KEDA's own CRD (v2.21.1, pinned in src/test/resources/crds/keda), the external-metrics HPA
 * by the API server's autoscaling/v2 validation.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class AutoscalingDocIT {

  private static final Path DOC = Path.of("docs", "autoscaling.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
  private static final ResourceDefinitionContext SCALED_OBJECTS =
      new ResourceDefinitionContext.Builder().withGroup("keda.sh").withVersion("v1alpha1")
          .withKind("ScaledObject").withPlural("scaledobjects").withNamespaced(true).build();

  /** Injected by kube-api-test-client-inject. */
  static KubernetesClient client;

  @BeforeAll
  static void kedaCrdAndNamespace() {
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("src", "test", "resources", "crds", "keda", "keda.sh_scaledobjects.yaml"));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
        .endMetadata().build()).create();
  }

  @Test
  void theScaledObjectAppliesAgainstKedasCrd() throws IOException {
    HasMetadata applied = apply(block("kind: ScaledObject"));

    GenericKubernetesResource stored = client.genericKubernetesResources(SCALED_OBJECTS)
        .inNamespace("shop").withName(applied.getMetadata().getName()).get();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> triggers = (List<Map<String, Object>>) stored.get("spec",
        "triggers");
    assertThat(triggers).extracting(t -> t.get("type"))
        .containsExactly("cpu", "prometheus", "prometheus");
    assertThat(triggers).extracting(t -> ((Map<?, ?>) t.get("metadata")).get("query"))
        .filteredOn(q -> q != null).allSatisfy(q -> assertThat((String) q)
            .containsAnyOf("countcast_forecast_upper_leadtime", "countcast_surge_active"));
  }

  @Test
  void theExternalMetricsHpaApplies() throws IOException {
    HasMetadata applied = apply(block("kind: HorizontalPodAutoscaler"));

    HorizontalPodAutoscaler stored = client.autoscaling().v2().horizontalPodAutoscalers()
        .inNamespace("shop").withName(applied.getMetadata().getName()).get();
    assertThat(stored.getSpec().getMetrics()).singleElement().satisfies(m ->
        assertThat(m.getExternal().getMetric().getName())
            .isEqualTo("countcast_forecast_upper_leadtime"));
  }

  /** The doc's one ```yaml block that contains {@code marker}. */
  private static String block(String marker) throws IOException {
    Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
    String found = null;
    while (m.find()) {
      if (m.group(1).contains(marker)) {
        assertThat(found).as("one block with " + marker).isNull();
        found = m.group(1);
      }
    }
    assertThat(found).as(DOC + " has a yaml block with " + marker).isNotNull();
    return found;
  }

  private static HasMetadata apply(String yaml) {
    List<HasMetadata> items = client.load(new ByteArrayInputStream(
        yaml.getBytes(StandardCharsets.UTF_8))).items();
    assertThat(items).hasSize(1);
    return client.resource(items.get(0)).fieldManager("doc-test").forceConflicts()
        .serverSideApply();
  }
}
