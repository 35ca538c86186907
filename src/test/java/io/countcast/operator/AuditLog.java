package io.countcast.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * kube-apiserver audit logging of the service accounts of one namespace: a policy file that
 * records every request they make at level Metadata (who, verb, resource, response code; no
 * bodies), the flags that turn it on, and the parsed log. Everything else is not logged.
 */
final class AuditLog implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path log;

  private AuditLog(Path dir) {
    this.dir = dir;
    this.log = dir.resolve("audit.log");
  }

  /** Writes the policy for the service accounts of {@code namespace} into a temporary directory. */
  static AuditLog ofServiceAccountsIn(String namespace) {
    try {
      AuditLog audit = new AuditLog(Files.createTempDirectory("countcast-audit-"));
      Files.writeString(audit.policy(), """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: ["RequestReceived"]
          rules:
            - level: Metadata
              userGroups: ["system:serviceaccounts:%s"]
            - level: None
          """.formatted(namespace));
      return audit;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an audit policy", e);
    }
  }

  /** The kube-apiserver flags that log to this file with this policy. */
  Map<String, String> apiServerFlags() {
    return Map.of("--audit-policy-file", policy().toString(),
        "--audit-log-path", log.toString());
  }

  /**
   * Every resource request logged so far (non-resource requests such as discovery are
   * skipped). The log backend is blocking by default, so a request is in the log once its
   * response has arrived.
   */
  List<Request> requests() {
    if (!Files.exists(log)) {
      return List.of();
    }
    try (Stream<String> lines = Files.lines(log)) {
      List<Request> requests = new ArrayList<>();
      for (String line : lines.filter(l -> !l.isBlank()).toList()) {
        JsonNode event = JSON.readTree(line);
        JsonNode object = event.path("objectRef");
        if (object.isMissingNode()) {
          continue;
        }
        String subresource = object.path("subresource").asText("");
        requests.add(new Request(event.path("user").path("username").asText(),
            event.path("verb").asText(), object.path("apiGroup").asText(""),
            object.path("resource").asText() + (subresource.isEmpty() ? "" : "/" + subresource),
            object.path("namespace").asText(""),
            event.path("responseStatus").path("code").asInt()));
      }
      return requests;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + log, e);
    }
  }

  private Path policy() {
    return dir.resolve("policy.yaml");
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /**
   * One logged request (its ResponseStarted and ResponseComplete stages are two entries).
   *
   * @param resource plural resource, "/subresource" appended when there is one
   * @param group API group, empty for the core group
   */
  record Request(String user, String verb, String group, String resource, String namespace,
      int code) {

    /** "group/resource: verb", the form RBAC rules are compared in. */
    String grant() {
      return group + "/" + resource + ": " + verb;
    }

    boolean forbidden() {
      return code == 403;
    }
  }
}
