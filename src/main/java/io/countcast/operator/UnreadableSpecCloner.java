package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * JOSDK's resource cloner (a JSON round trip, as by default) that keeps the marker of a stored
 * spec that could not be read ({@link io.countcast.api.CountForecastSpec#unreadable}): the marker
 * is not serialized, so a plain round trip would turn it into an empty spec and the user would be
 * told about a missing targetRef instead of the field that cannot be read.
 */
final class UnreadableSpecCloner implements Cloner {

  private final KubernetesSerialization serialization;

  UnreadableSpecCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof CountForecast original && copy instanceof CountForecast cloned
        && original.getSpec() != null && original.getSpec().unreadable() != null) {
      // The placeholder spec holds nothing but the message; sharing it is safe.
      cloned.setSpec(original.getSpec());
    }
    return copy;
  }
}
