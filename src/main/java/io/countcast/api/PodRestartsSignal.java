package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Pod restarts as the count signal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodRestartsSignal {

  /** Pods whose container restarts are counted. Defaults to the target's own pod selector. */
  @JsonPropertyDescription(
      "Pods whose container restarts are counted. Defaults to the target's own pod selector.")
  private LabelSelector selector;

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }
}
