package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.promql.Expr;
import io.countcast.signal.prometheus.promql.Expr.VectorSelector;
import io.countcast.signal.prometheus.promql.LabelMatcher;
import io.countcast.signal.prometheus.promql.PromqlException;
import io.countcast.signal.prometheus.promql.PromqlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Confines a PromQL query to one tenant namespace, as prom-label-proxy does: the query is parsed
 * into an AST and a {@code namespace="<ns>"} matcher is appended to every vector selector,
 * including those inside range selectors and subqueries; the AST is then printed back.
 *
 * <p>Existing matchers on the label: an equal matcher with the same value ({@code
 * namespace="<ns>"}) is kept and nothing is added. Any other matcher on the label ({@code
 * namespace="other"}, {@code namespace=~"..."}, {@code namespace!="..."}) is <em>rejected</em>
 * with a {@link PromqlException} naming its position. Unlike prom-label-proxy's replace mode we do
 * not silently replace it: a user who wrote another namespace most likely expects that data, and
 * a forecast quietly computed on different data is worse than a clear error.
 */
public final class NamespaceEnforcer {

  /** The label Kubernetes scrape configs put the namespace in. */
  public static final String NAMESPACE_LABEL = "namespace";

  private final String label;

  /** Enforces the {@value #NAMESPACE_LABEL} label. */
  public NamespaceEnforcer() {
    this(NAMESPACE_LABEL);
  }

  /** Enforces another label (for scrape configs that name the namespace label differently). */
  public NamespaceEnforcer(String label) {
    if (label == null || !label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new IllegalArgumentException("not a valid Prometheus label name: " + label);
    }
    this.label = label;
  }

  /**
   * Rewrites {@code query} so that it only reads series of {@code namespace}.
   *
   * @throws PromqlException if the query does not parse or names another namespace
   */
  public String enforce(String query, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace is required for the tenant rewrite");
    }
    Expr parsed = PromqlParser.parse(query);
    return parsed.mapSelectors(selector -> confine(selector, namespace, query)).toPromql();
  }

  private VectorSelector confine(VectorSelector selector, String namespace, String query) {
    boolean alreadyConfined = false;
    // Check every matcher before deciding: {namespace="ns",namespace!="x"} must be refused too.
    for (LabelMatcher m : selector.matchers()) {
      if (m.isEqualTo(label, namespace)) {
        alreadyConfined = true;
      } else if (m.name().equals(label)) {
        throw new PromqlException("the query selects " + label + m.op() + "\"" + m.value()
            + "\" but may only read namespace \"" + namespace + "\" (in selector "
            + selector.toPromql() + ")", m.offset(), query);
      }
    }
    if (alreadyConfined) {
      return selector;
    }
    List<LabelMatcher> matchers = new ArrayList<>(selector.matchers());
    matchers.add(LabelMatcher.equal(label, namespace));
    return selector.withMatchers(matchers);
  }
}
