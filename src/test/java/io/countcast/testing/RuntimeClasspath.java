package io.countcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's runtime classpath, for tests that start it as its own process before Maven has
 * packaged the jar: target/classes plus the runtime dependencies that maven-dependency-plugin
 * writes to target/runtime-classpath.txt (generate-test-resources).
 */
public final class RuntimeClasspath {

  private RuntimeClasspath() {
  }

  public static String get() {
    try {
      String dependencies = Files.readString(Path.of("target/runtime-classpath.txt")).trim();
      return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException("run the tests through Maven: " + e.getMessage(), e);
    }
  }
}
