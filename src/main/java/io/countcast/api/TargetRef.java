package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Reference to the workload, in the same namespace, that a {@link CountForecast} watches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetRef {

  /** API version of the target, e.g. apps/v1. */
  @JsonPropertyDescription("API version of the target, e.g. apps/v1.")
  @Default("apps/v1")
  private String apiVersion = "apps/v1";

  /** Kind of the target: Deployment or StatefulSet. */
  @JsonPropertyDescription("Kind of the target: Deployment or StatefulSet.")
  @Required
  private TargetKind kind;

  /** Name of the target in the namespace of this CountForecast. */
  @JsonPropertyDescription("Name of the target in the namespace of this CountForecast.")
  @Required
  @Size(min = 1, max = 253)
  private String name;

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public TargetKind getKind() {
    return kind;
  }

  public void setKind(TargetKind kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
