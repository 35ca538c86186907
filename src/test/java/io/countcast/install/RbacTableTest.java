package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The roles of manifests/ and of the chart grant exactly the table "RBAC: what the operator may
 * do, and why" of README.md: nothing more (least privilege) and nothing less (the operator would
 * fail).
 */
class RbacTableTest {

  private static final RenderedObjects MANIFESTS = RenderedObjects.readDirectory(Path.of("manifests"));

  @Test
  void tableIsParsedIntoTheGrantsItLists() {
    // A guard on the parser itself: a few rows of the doc, read by hand.
    assertThat(OperatorRbacTable.grants()).contains(
        "countcast.io/countforecasts: watch",
        "countcast.io/countforecasts/finalizers: update",
        "/pods: list",
        "/pods: watch",
        "apps/deployments: watch",
        "apps/statefulsets: patch",
        "/events: create",
        "coordination.k8s.io/leases: create");
    assertThat(OperatorRbacTable.grants()).doesNotContain("/secrets: list", "/secrets: watch");
  }

  @Test
  void manifestsGrantExactlyTheDocumentedVerbs() {
    ClusterRole clusterRole = MANIFESTS.only(ClusterRole.class);
    Role leaseRole = MANIFESTS.only(Role.class);

    assertThat(RenderedObjects.grants(clusterRole.getRules()))
        .isEqualTo(documentedExceptLeases());
    assertThat(RenderedObjects.grants(leaseRole.getRules())).isEqualTo(documentedLeases());
    assertThat(leaseRole.getMetadata().getNamespace()).isEqualTo("countcast-system");
  }

  @Test
  void chartRolesAreTheManifestRoles() {
    RenderedObjects chart = CountcastChart.template();

    assertThat(chart.only(ClusterRole.class).getRules())
        .isEqualTo(MANIFESTS.only(ClusterRole.class).getRules());
    assertThat(chart.only(Role.class).getRules()).isEqualTo(MANIFESTS.only(Role.class).getRules());
  }

  @Test
  void namespacedChartRolesGrantTheSameAsTheClusterRole() {
    RenderedObjects chart = CountcastChart.template("namespaced-one.yaml");

    for (Role role : chart.ofType(Role.class)) {
      Set<String> expected = role.getMetadata().getName().endsWith("-leader-election")
          ? documentedLeases() : documentedExceptLeases();
      assertThat(RenderedObjects.grants(role.getRules())).as(role.getMetadata().getName())
          .isEqualTo(expected);
    }
  }

  private static Set<String> documentedExceptLeases() {
    Set<String> grants = new TreeSet<>(OperatorRbacTable.grants());
    grants.removeAll(documentedLeases());
    return grants;
  }

  private static Set<String> documentedLeases() {
    Set<String> leases = new TreeSet<>();
    for (String grant : OperatorRbacTable.grants()) {
      if (grant.startsWith(OperatorRbacTable.LEASE_GROUP + "/")) {
        leases.add(grant);
      }
    }
    return leases;
  }

}
