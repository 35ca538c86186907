package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * helm lint and helm template of charts/countcast (through helm-java), and what the rendered
 * objects must contain for the default values and three non-default value sets. The same
 * pod checks run on manifests/, which must be installable the same way.
 */
class ChartTemplateTest {

  @Test
  void lintIsCleanInStrictMode() {
    LintResult result = CountcastChart.lint();

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderAHardenedClusterWideOperator() {
    RenderedObjects objects = CountcastChart.template();

    assertHardenedOperatorPod(objects);
    Container container = operatorContainer(objects);
    assertThat(container.getArgs()).containsExactly("operator", "--leader-election");
    assertThat(container.getImage()).isEqualTo("ghcr.io/countcast/countcast:0.1.0");
    assertThat(objects.deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(objects.only(ClusterRole.class).getMetadata().getName()).isEqualTo("countcast-operator");
    assertThat(objects.ofKind("ClusterRoleBinding")).hasSize(1);
    assertThat(objects.only(Role.class).getRules()).singleElement()
        .satisfies(r -> assertThat(r.getResources()).containsExactly("leases"));
    assertThat(objects.only(Role.class).getMetadata().getNamespace()).isEqualTo(CountcastChart.NAMESPACE);
    assertThat(objects.ofKind("ServiceMonitor")).isEmpty();
    assertThat(objects.ofType(PodDisruptionBudget.class)).isEmpty();
    assertMetricsService(objects);
  }

  @Test
  void manifestsAreHardenedLikeTheChart() {
    RenderedObjects manifests = RenderedObjects.readDirectory(Path.of("manifests"));

    assertHardenedOperatorPod(manifests);
    assertThat(operatorContainer(manifests).getArgs()).containsExactly("operator");
    assertThat(operatorContainer(manifests).getEnv())
        .contains(new EnvVar("COUNTCAST_LEADER_ELECTION", "true", null));
    assertThat(manifests.ofKind("Namespace")).singleElement()
        .satisfies(n -> assertThat(n.getMetadata().getName()).isEqualTo("countcast-system"));
    assertThat(manifests.ofKind("CustomResourceDefinition"))
        .as("the CRD is applied from crds/, never copied").isEmpty();
    assertMetricsService(manifests);
  }

  @Test
  void namespacedRbacGrantsRolesInTheOneWatchedNamespaceOnly() {
    RenderedObjects objects = CountcastChart.template("namespaced-one.yaml");

    assertHardenedOperatorPod(objects);
    assertThat(operatorContainer(objects).getArgs())
        .containsExactly("operator", "--namespaces=team-a", "--leader-election");
    assertThat(objects.ofType(ClusterRole.class)).isEmpty();
    assertThat(objects.ofKind("ClusterRoleBinding")).isEmpty();
    Role workRole = objects.ofType(Role.class).stream()
        .filter(r -> "team-a".equals(r.getMetadata().getNamespace())).findFirst().orElseThrow();
    assertThat(RenderedObjects.grants(workRole.getRules()))
        .isEqualTo(RenderedObjects.grants(CountcastChart.template().only(ClusterRole.class).getRules()));
    assertThat(objects.ofType(Role.class)).extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", CountcastChart.NAMESPACE);
    RoleBinding binding = objects.ofType(RoleBinding.class).stream()
        .filter(r -> "team-a".equals(r.getMetadata().getNamespace())).findFirst().orElseThrow();
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("countcast-operator");
      assertThat(s.getNamespace()).isEqualTo(CountcastChart.NAMESPACE);
    });
  }

  @Test
  void namespacedRbacWithoutWatchedNamespacesFailsWithAClearMessage() {
    assertThatThrownBy(() -> CountcastChart.template("namespaced-without-namespaces.yaml"))
        .hasMessageContaining("rbac.namespaced: true needs watchNamespaces");
  }

  @Test
  void theHeadroomPlaceholderAndTheCapacityBufferGrantAreOffByDefault() {
    RenderedObjects defaults = CountcastChart.template();
    assertThat(defaults.ofKind("PriorityClass")).isEmpty();
    assertThat(defaults.ofType(Deployment.class)).hasSize(1);
    assertThat(RenderedObjects.grants(defaults.only(ClusterRole.class).getRules()))
        .noneMatch(g -> g.startsWith("autoscaling.x-k8s.io/"));

    RenderedObjects headroom = CountcastChart.template("headroom.yaml");
    Deployment placeholder = headroom.ofType(Deployment.class).stream()
        .filter(d -> "countcast-headroom".equals(d.getMetadata().getName())).findFirst()
        .orElseThrow();
    assertThat(placeholder.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(placeholder.getSpec().getReplicas()).isZero();
    PodSpec pod = placeholder.getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("countcast-headroom");
    assertThat(pod.getContainers()).singleElement().satisfies(c ->
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory"));
    assertThat(headroom.ofType(PriorityClass.class)).singleElement().satisfies(p -> {
      assertThat(p.getValue()).isEqualTo(-1);
      assertThat(p.getPreemptionPolicy()).isEqualTo("Never");
    });
    assertThat(RenderedObjects.grants(headroom.only(ClusterRole.class).getRules()))
        .contains("autoscaling.x-k8s.io/capacitybuffers: get",
            "autoscaling.x-k8s.io/capacitybuffers: patch");
  }

  @Test
  void watchListOfTwoNamespacesKeepsTheClusterRole() {
    RenderedObjects objects = CountcastChart.template("watch-two.yaml");

    assertHardenedOperatorPod(objects);
    assertThat(operatorContainer(objects).getArgs())
        .containsExactly("operator", "--namespaces=team-a,team-b", "--no-leader-election");
    assertThat(objects.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(objects.ofType(ClusterRole.class)).hasSize(1);
    assertThat(objects.ofType(Role.class)).as("no Lease Role without leader election").isEmpty();
  }

  @Test
  void monitoringValuesRenderServiceMonitorPdbPrometheusAuthAndExtraEnv() {
    RenderedObjects objects = CountcastChart.template("monitoring.yaml");

    assertHardenedOperatorPod(objects);
    Container container = operatorContainer(objects);
    assertThat(container.getArgs()).containsExactly("operator", "--leader-election",
        "--prometheus-url=http://prometheus.monitoring:9090",
        "--prometheus-allowed-urls=http://prometheus.monitoring:9090,"
            + "https://thanos-query.monitoring:10902",
        "--prometheus-cross-namespace",
        "--prometheus-token-file=/var/run/secrets/countcast/prometheus/token");
    assertThat(container.getImage()).isEqualTo("ghcr.io/countcast/countcast:9.9.9");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(container.getEnv()).contains(new EnvVar("JAVA_TOOL_OPTIONS", "-Xss512k", null));
    assertThat(container.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/countcast/prometheus");
      assertThat(m.getReadOnly()).isTrue();
    });
    List<Volume> volumes = objects.deployment().getSpec().getTemplate().getSpec().getVolumes();
    assertThat(volumes).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("prometheus-token");

    GenericKubernetesResource monitor = (GenericKubernetesResource)
        objects.ofKind("ServiceMonitor").get(0);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http-metrics");
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
        .isEqualTo(objects.only(Service.class).getSpec().getSelector());

    PodDisruptionBudget pdb = objects.only(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(objects.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void eachShardIsItsOwnDeploymentWithItsSelectorAndLease() {
    RenderedObjects objects = CountcastChart.template("shards.yaml");

    List<Deployment> shards = objects.ofType(Deployment.class);
    assertThat(shards).extracting(d -> d.getMetadata().getName()).containsExactly(
        "countcast-operator-a", "countcast-operator-b", "countcast-operator-rest");
    assertThat(shards).extracting(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getArgs()).containsExactly(
            List.of("operator", "--selector=countcast.io/shard=a", "--leader-election",
                "--lease-name=countcast-operator-a"),
            List.of("operator", "--selector=countcast.io/shard=b", "--leader-election",
                "--lease-name=countcast-operator-b"),
            List.of("operator", "--selector=countcast.io/shard notin (a,b)",
                "--leader-election", "--lease-name=countcast-operator-rest"));
    assertThat(shards).extracting(d -> d.getSpec().getReplicas()).containsExactly(2, 3, 2);
    assertThat(shards.get(1).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    for (Deployment shard : shards) {
      assertThat(shard.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(shard.getSpec().getSelector().getMatchLabels())
          .containsEntry("countcast.io/shard",
              shard.getMetadata().getName().substring("countcast-operator-".length()));
      assertThat(objects.ofType(PodDisruptionBudget.class)).anySatisfy(pdb -> assertThat(
          pdb.getSpec().getSelector().getMatchLabels())
          .isEqualTo(shard.getSpec().getSelector().getMatchLabels()));
    }
    assertThat(objects.only(Service.class).getSpec().getSelector())
        .as("one metrics Service for every shard")
        .isEqualTo(CountcastChart.template().deployment().getSpec().getSelector().getMatchLabels());
  }

  private static Container operatorContainer(RenderedObjects objects) {
    return objects.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** The hardening every install of the operator must have, chart or manifests. */
  private static void assertHardenedOperatorPod(RenderedObjects objects) {
    PodSpec pod = objects.deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("countcast-operator");
    PodSecurityContext podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(65532L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    assertThat(container.getArgs()).first().isEqualTo("operator");
    SecurityContext security = container.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(m.getName());
        assertThat(v.getEmptyDir()).isNotNull();
      });
    });

    assertProbe(container.getLivenessProbe(), "/healthz");
    assertProbe(container.getReadinessProbe(), "/readyz");
    assertThat(container.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http-metrics");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("POD_NAME");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("POD_NAMESPACE");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    });
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
  }

  private static void assertMetricsService(RenderedObjects objects) {
    Service service = objects.only(Service.class);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http-metrics");
      assertThat(p.getPort()).isEqualTo(8080);
    });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(objects.deployment().getSpec().getSelector().getMatchLabels());
  }
}
