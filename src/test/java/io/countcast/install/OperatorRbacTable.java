package io.countcast.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grants listed in README.md, section "RBAC: what the operator may do, and why": the single source
 * of truth the install files are checked against, so the doc and the roles cannot drift apart.
 */
final class OperatorRbacTable {

  static final Path DOC = Path.of("README.md");
  private static final String HEADING = "### RBAC: what the operator may do, and why";
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  /** The Lease row; it is granted by a Role in the operator's namespace, not the ClusterRole. */
  static final String LEASE_GROUP = "coordination.k8s.io";

  private OperatorRbacTable() {
  }

  /** Every grant of the table as "group/resource: verb" (see {@link RenderedObjects#grant}). */
  static Set<String> grants() {
    Set<String> grants = new TreeSet<>();
    for (String row : tableRows()) {
      String[] cells = row.split("\\|");
      // cells[0] is empty (the row starts with '|'); [1] resources, [2] verbs (+ explanation).
      String verbsCell = cells[2].split("\\(")[0];
      List<String> verbs = List.of(verbsCell.trim().split("\\s*,\\s*"));
      Matcher resources = BACKTICKED.matcher(cells[1]);
      while (resources.find()) {
        String[] resourceAndGroup = resourceAndGroup(resources.group(1));
        for (String verb : verbs) {
          grants.add(RenderedObjects.grant(resourceAndGroup[1], resourceAndGroup[0], verb));
        }
      }
    }
    if (grants.isEmpty()) {
      throw new IllegalStateException(DOC + ": no RBAC table under '" + HEADING + "'");
    }
    return grants;
  }

  /** "countforecasts.countcast.io/status" → {"countforecasts/status", "countcast.io"}. */
  private static String[] resourceAndGroup(String qualified) {
    String[] nameAndSub = qualified.split("/", 2);
    int dot = nameAndSub[0].indexOf('.');
    String resource = dot < 0 ? nameAndSub[0] : nameAndSub[0].substring(0, dot);
    String group = dot < 0 ? "" : nameAndSub[0].substring(dot + 1);
    return new String[] {nameAndSub.length == 2 ? resource + "/" + nameAndSub[1] : resource, group};
  }

  private static List<String> tableRows() {
    try {
      List<String> lines = Files.readAllLines(DOC);
      int start = lines.indexOf(HEADING);
      if (start < 0) {
        throw new IllegalStateException(DOC + ": heading '" + HEADING + "' not found");
      }
      return lines.stream().skip(start + 1)
          .dropWhile(l -> !l.startsWith("|"))
          .takeWhile(l -> l.startsWith("|"))
          .skip(2) // header and separator rows
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOC, e);
    }
  }
}
