package io.countcast.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs on the machines this project is built on, so the image is never
 * built here. This test keeps the Dockerfile consistent with what it packages and with the
 * install files that run it: every path it copies exists, it copies the jar Maven shades, the
 * runtime stage is a Temurin 17 JRE running as the same non-root uid the Deployment and the
 * chart demand, and the JVM is sized from the container's memory limit.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("Dockerfile");

  @Test
  void isMultiStageWithATemurinJreRuntime() throws IOException {
    List<String> from = instructions("FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0)).contains("AS build");
    assertThat(from.get(1)).startsWith("eclipse-temurin:17-jre");
  }

  @Test
  void copiesOnlyPathsThatExistAndTheShadedJar() throws IOException {
    for (String copy : instructions("COPY")) {
      if (copy.startsWith("--from=build")) {
        assertThat(copy).contains("/src/target/countcast.jar");
        continue;
      }
      String[] parts = copy.split("\\s+");
      for (int i = 0; i < parts.length - 1; i++) {
        assertThat(Path.of(parts[i])).as("COPY source %s", parts[i]).exists();
      }
    }
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>countcast</finalName>");
  }

  @Test
  void runsAsTheNonRootUserTheInstallFilesDemand() throws IOException {
    String user = instructions("USER").get(0);
    assertThat(user).isEqualTo("65532:65532");
    assertThat(Files.readString(Path.of("manifests/30-deployment.yaml")))
        .contains("runAsUser: 65532").contains("runAsGroup: 65532").contains("runAsNonRoot: true");
    assertThat(Files.readString(Path.of("charts/countcast/values.yaml")))
        .contains("runAsUser: 65532").contains("runAsGroup: 65532");
  }

  @Test
  void sizesTheJvmFromTheContainerAndRunsTheOperator() throws IOException {
    String entrypoint = instructions("ENTRYPOINT").get(0);
    assertThat(entrypoint).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
        .contains("\"-jar\", \"/app/countcast.jar\"");
    assertThat(instructions("CMD")).containsExactly("[\"operator\"]");
  }

  /** The arguments of every instruction {@code name}, in order, continuation lines joined. */
  private static List<String> instructions(String name) throws IOException {
    String text = Files.readString(DOCKERFILE).replaceAll("\\\\\\n\\s*", " ");
    Matcher m = Pattern.compile("(?m)^" + name + "\\s+(.+)$").matcher(text);
    return m.results().map(r -> r.group(1).trim()).toList();
  }
}
