package io.countcast.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Kubernetes objects of a multi-document YAML text (a {@code helm template} output or the
 * files of {@code manifests/}), with look-ups by kind and name used by the install tests.
 */
public record RenderedObjects(List<HasMetadata> items) {

  private static final KubernetesSerialization KUBE = new KubernetesSerialization();

  /** Parses every non-empty YAML document; known kinds become typed fabric8 objects. */
  static RenderedObjects parse(String yaml) {
    List<HasMetadata> items = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().anyMatch(l -> !l.isBlank() && !l.trim().startsWith("#"))) {
        items.add(KUBE.unmarshal(document, HasMetadata.class));
      }
    }
    return new RenderedObjects(List.copyOf(items));
  }

  /** The objects of every *.yaml file of a directory, in file name order (the apply order). */
  static RenderedObjects readDirectory(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        all.append(Files.readString(file)).append("\n---\n");
      }
      return parse(all.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory, e);
    }
  }

  public <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return items.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<HasMetadata> ofKind(String kind) {
    return items.stream().filter(i -> kind.equals(i.getKind())).toList();
  }

  /** The single object of this type; fails when there is none or several. */
  public <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = ofType(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  Deployment deployment() {
    return only(Deployment.class);
  }

  /**
   * Rules flattened to "group/resource: verb" strings, so two rule lists that grant the same
   * access compare equal however they are grouped.
   */
  public static Set<String> grants(List<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(grant(group, resource, verb));
          }
        }
      }
    }
    return grants;
  }

  static String grant(String group, String resource, String verb) {
    return group + "/" + resource + ": " + verb;
  }
}
