package io.countcast.signal;

import java.util.Objects;

/**
 * The restart counter of one container of a pod, as the kubelet reported it.
 *
 * @param name the container name (a DNS-1123 label, so it never holds spaces or '=')
 * @param init true for an init container, false for a regular one; the two live in separate
 *     namespaces in a pod, so an init container and a regular container may share a name
 * @param restartCount the kubelet's cumulative restart count, never negative
 */
public record ContainerRestarts(String name, boolean init, int restartCount) {

  public ContainerRestarts {
    Objects.requireNonNull(name, "container name");
    if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException("invalid container name '" + name + "'");
    }
    if (restartCount < 0) {
      throw new IllegalArgumentException(
          "container " + name + " has negative restartCount " + restartCount);
    }
  }

  /** The key that tells this container apart within its pod: "c:name" or "i:name". */
  String key() {
    return (init ? "i:" : "c:") + name;
  }
}
