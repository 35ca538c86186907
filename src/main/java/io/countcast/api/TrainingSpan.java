package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The windows a model was fitted on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpan {

  /** Start of the first window the model was fitted on (RFC 3339). */
  @JsonPropertyDescription("Start of the first window the model was fitted on (RFC 3339).")
  private String start;

  /** End of the last window the model was fitted on (RFC 3339, exclusive). */
  @JsonPropertyDescription("End of the last window the model was fitted on (RFC 3339, exclusive).")
  private String end;

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }
}
