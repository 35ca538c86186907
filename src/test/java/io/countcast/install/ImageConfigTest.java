package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The image has one source of truth, the Jib configuration of pom.xml's {@code image} profile
 * (built by scripts/image.sh; the image itself is run by the node test, NodeIT). This test keeps
 * that configuration consistent with what runs it: the image name and pull policy of manifests/
 * and the chart, the non-root uid both demand, the command they pass, the port their probes use,
 * and the base image scripts/image.sh writes. No Dockerfile competes with it.
 */
class ImageConfigTest {

  private static Document pom;
  private static XPath xpath;

  @BeforeAll
  static void readPom() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // Not namespace aware (the default): plain element names match despite the POM's xmlns.
    pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    xpath = XPathFactory.newInstance().newXPath();
  }

  @Test
  void manifestsAndChartRunTheImageJibBuildsWithoutARegistry() throws Exception {
    String image = pomText("/project/properties/countcast.image");
    assertThat(jib("to/image")).isEqualTo("${countcast.image}");

    Container manifests = operatorContainer(RenderedObjects.readDirectory(Path.of("manifests")));
    assertThat(manifests.getImage()).isEqualTo(image);
    assertThat(manifests.getImagePullPolicy()).isEqualTo("IfNotPresent");

    Container chart = operatorContainer(CountcastChart.template());
    assertThat(chart.getImage()).isEqualTo(image);
    assertThat(chart.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void runsAsTheNonRootUserTheInstallFilesDemand() throws Exception {
    assertThat(jib("container/user")).isEqualTo("65532:65532");
    for (RenderedObjects install :
        List.of(RenderedObjects.readDirectory(Path.of("manifests")), CountcastChart.template())) {
      PodSecurityContext pod = install.deployment().getSpec().getTemplate().getSpec().getSecurityContext();
      assertThat(pod.getRunAsUser() + ":" + pod.getRunAsGroup()).isEqualTo(jib("container/user"));
      assertThat(operatorContainer(install).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }
    // The base image's default user (scripts/image.sh) is the same uid, with a passwd entry.
    assertThat(shellVariable(Path.of("scripts/image.sh"), "app_uid")).isEqualTo("65532");
  }

  @Test
  void runsTheOperatorOnTheProbedPortWithAJvmSizedByTheContainer() throws Exception {
    assertThat(jib("container/mainClass")).isEqualTo(
        pomText("//transformer/mainClass"));
    assertThat(jibList("container/args/arg")).containsExactly("operator");
    assertThat(jibList("container/jvmFlags/jvmFlag"))
        .contains("-XX:+ExitOnOutOfMemoryError").anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage="));
    Container container = operatorContainer(RenderedObjects.readDirectory(Path.of("manifests")));
    assertThat(container.getArgs()).first().isEqualTo("operator");
    assertThat(jibList("container/ports/port"))
        .containsExactly(String.valueOf(container.getPorts().get(0).getContainerPort()));
  }

  @Test
  void buildsTheArchiveAndSbomTheScriptsLoad() throws Exception {
    assertThat(jib("outputPaths/tar")).isEqualTo("${project.build.directory}/countcast-image.tar");
    assertThat(pomText("//plugin[artifactId='cyclonedx-maven-plugin']//outputName")).isEqualTo("countcast-image.sbom");
    assertThat(jib("from/image")).isEqualTo("${countcast.image.base}");
    String script = Files.readString(Path.of("scripts/image.sh"));
    assertThat(script).contains("-Pimage").contains("-Dcountcast.image.base=tar://");
    assertThat(Files.readString(Path.of("scripts/node.sh"))).contains("countcast-image.tar");
  }

  /**
   * jdeps cannot see service providers the code loads by name; the jlink'ed runtime of
   * scripts/image.sh must still hold them (without jdk.random the in-cluster Prometheus client
   * failed on RandomGenerator.getDefault()).
   */
  @Test
  void theRuntimeHoldsTheProvidersJdepsCannotSee() throws IOException {
    String modules = Files.readString(Path.of("scripts/image.sh"));
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      boolean usesRandomGenerator = sources.filter(Files::isRegularFile)
          .anyMatch(f -> read(f).contains("RandomGenerator.getDefault()"));
      if (usesRandomGenerator) {
        assertThat(modules).contains(",jdk.random");
      }
    }
    assertThat(modules).as("TLS with ECDSA certificates").contains(",jdk.crypto.ec");
  }

  @Test
  void noDockerfileCompetesAndNoFileClaimsTheImageWasNeverBuilt() throws IOException {
    assertThat(Path.of("Dockerfile")).doesNotExist();
    try (Stream<Path> files = Stream.of("README.md", "docs", "manifests", "charts", "scripts")
        .map(Path::of).flatMap(ImageConfigTest::walk)) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> read(f).toLowerCase().contains("never built")))
          .isEmpty();
    }
  }

  private static Container operatorContainer(RenderedObjects objects) {
    return objects.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String jib(String path) throws Exception {
    List<String> values = jibList(path);
    assertThat(values).as("jib %s", path).hasSize(1);
    return values.get(0);
  }

  /** Values under the image profile's jib-maven-plugin configuration, path relative to it. */
  private static List<String> jibList(String path) throws Exception {
    StringBuilder expression = new StringBuilder("/project/profiles/profile[id='image']"
        + "//plugin[artifactId='jib-maven-plugin']/configuration");
    for (String step : path.split("/")) {
      expression.append('/').append(step);
    }
    NodeList nodes = (NodeList) xpath.evaluate(expression.toString(), pom, XPathConstants.NODESET);
    return Stream.iterate(0, i -> i < nodes.getLength(), i -> i + 1)
        .map(i -> nodes.item(i).getTextContent().trim()).toList();
  }

  private static String pomText(String expression) throws Exception {
    return ((String) xpath.evaluate(expression, pom, XPathConstants.STRING)).trim();
  }

  private static String shellVariable(Path script, String name) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(Files.readString(script));
    assertThat(m.find()).as("%s sets %s", script, name).isTrue();
    return m.group(1);
  }

  private static Stream<Path> walk(Path root) {
    try {
      return Files.walk(root).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";   // binary files (none expected) cannot claim anything
    }
  }
}
