package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The release workflow cannot run here, so it is linted: it must parse as YAML, run on version
 * tags, build the image only through scripts/image.sh (no second recipe), push the archive that
 * script writes, sign only when a key is configured, and publish the SBOM with the image.
 */
class ReleaseWorkflowTest {

  private static final Path WORKFLOW = Path.of(".github", "workflows", "release.yml");

  @Test
  void parsesAndRunsOnVersionTags() throws IOException {
    Map<String, Object> workflow = workflow();
    // "on" is quoted in the file: unquoted, YAML 1.1 parsers read it as the boolean true.
    assertThat(workflow).containsKey("on");
    Map<String, Object> on = map(workflow.get("on"));
    assertThat(list(map(on.get("push")).get("tags"))).containsExactly("v*");
    assertThat(map(workflow.get("jobs"))).containsOnlyKeys("image");
  }

  @Test
  void buildsOnlyThroughImageShAndPushesItsArchiveWithTheSbom() throws IOException {
    List<Map<String, Object>> steps = steps();
    List<String> runs = steps.stream().filter(s -> s.containsKey("run")).map(s -> (String) s.get("run")).toList();

    assertThat(runs).filteredOn(r -> r.contains("scripts/image.sh")).singleElement()
        .isEqualTo("scripts/image.sh");
    assertThat(runs).noneMatch(r -> r.contains("mvnw") || r.contains("docker build") || r.contains("jib"))
        .as("the image is built by scripts/image.sh only");
    assertThat(runs).anyMatch(r -> r.contains("crane push target/countcast-image.tar"));
    assertThat(runs).anyMatch(r -> r.contains("--predicate target/countcast-image.sbom.json"));
    assertThat(runs).anyMatch(r -> r.contains("gh release") && r.contains("target/countcast-image.sbom.json"));
    // The pushed name is the one the archive carries (the pom's countcast.image), never retyped.
    assertThat(Files.readString(WORKFLOW)).doesNotContain("ghcr.io/countcast");
  }

  @Test
  void signsOnlyWhenAKeyIsConfigured() {
    List<Map<String, Object>> cosign = steps().stream()
        .filter(s -> String.valueOf(s.get("run")).contains("cosign ") || String.valueOf(s.get("uses")).contains("cosign"))
        .toList();
    assertThat(cosign).hasSize(2).allSatisfy(step ->
        assertThat(String.valueOf(step.get("if"))).contains("COSIGN_PRIVATE_KEY != ''"));
  }

  private static List<Map<String, Object>> steps() {
    Map<String, Object> job = map(map(workflow().get("jobs")).get("image"));
    return list(job.get("steps")).stream().map(ReleaseWorkflowTest::map).toList();
  }

  private static Map<String, Object> workflow() {
    try {
      return map(new Yaml().load(Files.readString(WORKFLOW)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<T>) o;
  }
}
