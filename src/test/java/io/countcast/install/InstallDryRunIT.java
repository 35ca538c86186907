package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends manifests/ and the rendered chart to a real kube-apiserver as server-side dry runs, so
 * schema validation, RBAC escalation checks and Pod Security admission ("restricted", enforced
 * on the countcast-system namespace) judge them as a cluster would. Only the namespaces, the
 * ServiceAccount (a Pod must name an existing one) and the CRDs are really created.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class InstallDryRunIT {

  /** Injected by kube-api-test-client-inject. */
  static KubernetesClient client;

  private static final RenderedObjects MANIFESTS =
      RenderedObjects.readDirectory(Path.of("manifests"));

  @BeforeAll
  static void installPrerequisites() {
    CustomResourceDefinitions.applyFromFile(client, Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    // The Prometheus Operator is not installed; schemaless stand-ins of its ServiceMonitor and
    // PrometheusRule CRDs let the API server accept (and route) the chart's objects of both kinds.
    for (String kind : List.of("ServiceMonitor", "PrometheusRule")) {
      CustomResourceDefinition crd = prometheusOperatorCrd(kind);
      client.resource(crd).create();
      CustomResourceDefinitions.awaitEstablished(client, crd.getMetadata().getName());
    }
    for (String kind : List.of("Namespace", "ServiceAccount")) {
      MANIFESTS.ofKind(kind).forEach(o -> client.resource(o).create());
    }
    for (String namespace : List.of("team-a", "team-b")) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).create();
    }
  }

  @Test
  void manifestsAreAcceptedByTheApiServer() {
    dryRunAll(MANIFESTS.items());
  }

  @Test
  void namespaceEnforcesTheRestrictedPodSecurityStandard() {
    assertThat(client.namespaces().withName("countcast-system").get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  static Stream<String> valueSets() {
    return Stream.of("", "namespaced-one.yaml", "watch-two.yaml", "monitoring.yaml");
  }

  @ParameterizedTest(name = "chart values {0}")
  @MethodSource("valueSets")
  void renderedChartIsAcceptedByTheApiServer(String valuesFile) {
    RenderedObjects chart = valuesFile.isEmpty()
        ? CountcastChart.template() : CountcastChart.template(valuesFile);

    dryRunAll(chart.items());
  }

  /**
   * Dry-run server-side applies every object (as {@code kubectl apply --server-side --dry-run=server}
   * would, so the really created Namespace and ServiceAccount are accepted too); for a Deployment
   * also dry-run creates a Pod from its template, because Pod Security admission judges Pods.
   */
  private static void dryRunAll(List<HasMetadata> objects) {
    assertThat(objects).isNotEmpty();
    for (HasMetadata object : objects) {
      HasMetadata accepted = client.resource(object).dryRun().serverSideApply();
      assertThat(accepted.getMetadata().getCreationTimestamp())
          .as("%s %s", object.getKind(), object.getMetadata().getName()).isNotNull();
      if (object instanceof Deployment deployment) {
        Pod acceptedPod = client.resource(podOf(deployment)).dryRun().create();
        assertThat(acceptedPod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
      }
    }
  }

  private static Pod podOf(Deployment deployment) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName() + "-pod")
        .withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .endMetadata()
        .withSpec(deployment.getSpec().getTemplate().getSpec())
        .build();
  }

  private static CustomResourceDefinition prometheusOperatorCrd(String kind) {
    String singular = kind.toLowerCase(java.util.Locale.ROOT);
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(singular + "s.monitoring.coreos.com").endMetadata()
        .withNewSpec()
        .withGroup("monitoring.coreos.com")
        .withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(singular + "s")
        .withSingular(singular).withListKind(kind + "List").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec()
        .build();
  }
}
