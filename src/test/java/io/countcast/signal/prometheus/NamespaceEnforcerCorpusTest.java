package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.signal.prometheus.promql.PromqlException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class NamespaceEnforcerCorpusTest {

  private final NamespaceEnforcer enforcer = new NamespaceEnforcer();

  @Test
  void corpusHasAtLeastThirtyRewritesAndSomeRejections() {
    List<RewriteCorpus.Case> cases = RewriteCorpus.load();
    assertThat(cases.stream().filter(c -> c.expected() != null).count()).isGreaterThanOrEqualTo(30);
    assertThat(cases.stream().filter(c -> c.rejectReason() != null).count()).isGreaterThan(10);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseRewritesOrRejectsAsExpected() {
    return RewriteCorpus.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      String query = PromqlWindow.substitute(c.query(), RewriteCorpus.WINDOW);
      if (c.expected() != null) {
        assertThat(enforcer.enforce(query, RewriteCorpus.NAMESPACE)).isEqualTo(c.expected());
      } else {
        assertThatThrownBy(() -> enforcer.enforce(query, RewriteCorpus.NAMESPACE))
            .isInstanceOf(PromqlException.class)
            .hasMessageContaining(c.rejectReason())
            .hasMessageStartingWith("PromQL rejected at column ");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> rewritingIsIdempotent() {
    // The rewritten text must parse again and a second rewrite must not change it: this checks
    // the printer emits valid PromQL that our own parser reads back to the same tree.
    return RewriteCorpus.load().stream().filter(c -> c.expected() != null)
        .map(c -> DynamicTest.dynamicTest(c.name(), () ->
            assertThat(enforcer.enforce(c.expected(), RewriteCorpus.NAMESPACE))
                .isEqualTo(c.expected())));
  }

  @Test
  void rejectionNamesTheColumnOfTheOffendingMatcher() {
    assertThatThrownBy(() -> enforcer.enforce("up + foo{job=\"a\", namespace=\"x\"}", "shop"))
        .isInstanceOf(PromqlException.class)
        .satisfies(e -> assertThat(((PromqlException) e).column()).isEqualTo(19));
  }

  @Test
  void queryScopeSubstitutesTheWindowAndConfinesUnlessCrossNamespaceIsAllowed() {
    String template = "sum(increase(http_requests_total{code=~\"5..\"}[$window]))";
    assertThat(QueryScope.confinedTo("shop").prepare(template, java.time.Duration.ofHours(1)))
        .isEqualTo("sum(increase(http_requests_total{code=~\"5..\",namespace=\"shop\"}[1h]))");
    // Cross-namespace: sent as written (not even parsed), other namespaces allowed.
    String other = "sum(increase(x{namespace=\"payments\"}[$window]))  # as written";
    assertThat(QueryScope.crossNamespace().prepare(other, java.time.Duration.ofMinutes(5)))
        .isEqualTo("sum(increase(x{namespace=\"payments\"}[5m]))  # as written");
  }

  @Test
  void otherLabelNameCanBeEnforced() {
    assertThat(new NamespaceEnforcer("kubernetes_namespace").enforce("sum(up)", "shop"))
        .isEqualTo("sum(up{kubernetes_namespace=\"shop\"})");
  }

  @Test
  void windowIsSpelledInTheLargestUnits() {
    assertThat(PromqlWindow.format(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(PromqlWindow.format(java.time.Duration.ofHours(24))).isEqualTo("1d");
    assertThat(PromqlWindow.format(java.time.Duration.ofMinutes(5))).isEqualTo("5m");
  }
}
