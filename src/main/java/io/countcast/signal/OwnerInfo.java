package io.countcast.signal;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Objects;

/**
 * The CountForecast that owns the signal's ConfigMap, given as plain values so this package does
 * not depend on the CRD classes.
 *
 * @param apiVersion e.g. "countcast.io/v1alpha1"
 * @param kind e.g. "CountForecast"
 * @param name metadata.name of the owner
 * @param uid metadata.uid of the owner
 */
public record OwnerInfo(String apiVersion, String kind, String name, String uid) {

  public OwnerInfo {
    Objects.requireNonNull(apiVersion, "owner apiVersion");
    Objects.requireNonNull(kind, "owner kind");
    Objects.requireNonNull(name, "owner name");
    Objects.requireNonNull(uid, "owner uid");
  }

  /**
   * A controller reference: the garbage collector deletes the ConfigMap with its owner, and
   * blockOwnerDeletion keeps foreground deletion of the owner waiting for it.
   */
  OwnerReference toControllerReference() {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name)
        .withUid(uid).withController(true).withBlockOwnerDeletion(true).build();
  }
}
