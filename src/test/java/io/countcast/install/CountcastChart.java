package io.countcast.install;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;

/**
 * Runs helm lint / helm template on charts/countcast through helm-java (no helm binary). Public
 * for the operator tests that run the operator under the chart's own RBAC.
 */
public final class CountcastChart {

  static final Path CHART = Path.of("charts", "countcast");
  static final String RELEASE = "countcast";
  /** The release namespace the chart is rendered into. */
  public static final String NAMESPACE = "countcast-system";
  /** Values files of the non-default test cases, under src/test/resources/install/. */
  static final Path VALUES_DIR = Path.of("src", "test", "resources", "install");

  private CountcastChart() {
  }

  static LintResult lint() {
    return new Helm(CHART).lint().strict().call();
  }

  /** Renders the chart with its default values. */
  public static RenderedObjects template() {
    return RenderedObjects.parse(new Helm(CHART).template()
        .withName(RELEASE).withNamespace(NAMESPACE).call());
  }

  /** Renders the chart with one values file of {@link #VALUES_DIR}. */
  static RenderedObjects template(String valuesFile) {
    return RenderedObjects.parse(new Helm(CHART).template()
        .withName(RELEASE).withNamespace(NAMESPACE)
        .withValuesFile(VALUES_DIR.resolve(valuesFile)).call());
  }
}
