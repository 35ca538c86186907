package io.countcast.signal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The few fields of a Pod the signal layer needs; everything else of the Pod is dropped as soon
 * as it is read, so memory per pod stays small.
 *
 * @param uid metadata.uid; a pod recreated under the same name gets a new uid
 * @param name metadata.name, for messages only
 * @param created metadata.creationTimestamp
 * @param deleting metadata.deletionTimestamp, or null while the pod is not being deleted
 * @param phase status.phase (Pending, Running, Succeeded, Failed, Unknown), or null if unset
 * @param containers restart counters of regular and init containers
 */
public record PodObservation(String uid, String name, Instant created, Instant deleting,
                             String phase, List<ContainerRestarts> containers) {

  public PodObservation {
    Objects.requireNonNull(uid, "pod uid");
    Objects.requireNonNull(name, "pod name");
    Objects.requireNonNull(created, "pod creation time");
    containers = List.copyOf(containers);
  }

  /** True once the pod's containers have finished for good (they can no longer restart). */
  boolean terminal() {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
