package io.countcast.signal.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code promql-rewrite-corpus.txt}: blocks of {@code name:}, {@code query:} (repeatable,
 * joined with newlines), and {@code expect:} or {@code reject:}, separated by blank lines.
 */
final class RewriteCorpus {

  static final String NAMESPACE = "shop";
  static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(5);

  /** One case; exactly one of {@code expected} and {@code rejectReason} is non-null. */
  record Case(String name, String query, String expected, String rejectReason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private RewriteCorpus() {
  }

  static List<Case> load() {
    List<Case> cases = new ArrayList<>();
    String text = read();
    for (String block : text.split("\\n\\s*\\n")) {
      Case c = parseBlock(block);
      if (c != null) {
        cases.add(c);
      }
    }
    return cases;
  }

  private static Case parseBlock(String block) {
    String name = null;
    String expected = null;
    String reject = null;
    List<String> queryLines = new ArrayList<>();
    for (String line : block.split("\\n")) {
      if (line.startsWith("name:")) {
        name = value(line);
      } else if (line.startsWith("query:")) {
        queryLines.add(value(line));
      } else if (line.startsWith("expect:")) {
        expected = value(line);
      } else if (line.startsWith("reject:")) {
        reject = value(line);
      } else if (!line.startsWith("#") && !line.isBlank()) {
        throw new IllegalStateException("corpus: unexpected line: " + line);
      }
    }
    if (name == null) {
      return null;
    }
    if ((expected == null) == (reject == null) || queryLines.isEmpty()) {
      throw new IllegalStateException("corpus case '" + name
          + "' needs query: and exactly one of expect: or reject:");
    }
    return new Case(name, String.join("\n", queryLines), expected, reject);
  }

  private static String value(String line) {
    String v = line.substring(line.indexOf(':') + 1);
    return v.startsWith(" ") ? v.substring(1) : v;
  }

  private static String read() {
    try (InputStream in = RewriteCorpus.class.getResourceAsStream("promql-rewrite-corpus.txt")) {
      if (in == null) {
        throw new IllegalStateException("promql-rewrite-corpus.txt not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
