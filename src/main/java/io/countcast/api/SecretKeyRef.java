package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret in the namespace of the {@link CountForecast}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  /** Name of the Secret. */
  @JsonPropertyDescription("Name of the Secret.")
  @Required
  @Size(min = 1, max = 253)
  private String name;

  /** Key within the Secret. */
  @JsonPropertyDescription("Key within the Secret.")
  @Required
  @Size(min = 1, max = 253)
  private String key;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
