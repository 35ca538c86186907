package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD descriptions come from {@code @JsonPropertyDescription} (the generator works on compiled
 * classes and never sees Javadoc), while Java readers see the field Javadoc. This keeps the two
 * texts identical so neither audience reads something stale.
 */
class JavadocMatchesDescriptionTest {

  private static final Path API_SOURCES = Path.of("src/main/java/io/countcast/api");

  private static final Pattern ANNOTATION = Pattern.compile("@JsonPropertyDescription\\(");

  private static final Pattern JAVADOC_THEN_DESCRIPTION = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*@JsonPropertyDescription\\(((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?)+)\\s*\\)",
      Pattern.DOTALL);

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void everyDescribedFieldHasIdenticalJavadoc() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int annotations = 0;
    int pairs = 0;
    try (Stream<Path> files = Files.list(API_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String source = Files.readString(file);
        annotations += (int) ANNOTATION.matcher(source).results().count();
        Matcher m = JAVADOC_THEN_DESCRIPTION.matcher(source);
        while (m.find()) {
          pairs++;
          String javadoc = normalizeJavadoc(m.group(1));
          String description = concatenateLiterals(m.group(2));
          if (!javadoc.equals(description)) {
            mismatches.add(file.getFileName() + ": javadoc '" + javadoc + "' vs description '"
                + description + "'");
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(pairs).as("@JsonPropertyDescription directly preceded by Javadoc")
        .isEqualTo(annotations).isGreaterThan(50);
  }

  private static String normalizeJavadoc(String body) {
    return body.replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ").trim();
  }

  private static String concatenateLiterals(String expression) {
    StringBuilder text = new StringBuilder();
    Matcher m = STRING_LITERAL.matcher(expression);
    while (m.find()) {
      text.append(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return text.toString().replaceAll("\\s+", " ").trim();
  }
}
