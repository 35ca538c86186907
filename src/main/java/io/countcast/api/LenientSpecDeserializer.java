package io.countcast.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads a stored {@code spec} without ever failing: a spec the operator's types cannot hold
 * (an integer beyond int written before the schema had a maximum, an enum value of a newer CRD)
 * becomes {@link CountForecastSpec#unreadable} naming the field, instead of an exception that
 * would fail the informer's whole list and stop the operator for every tenant. The plan then
 * reports it on that one resource (InvalidSpec).
 */
final class LenientSpecDeserializer extends JsonDeserializer<CountForecastSpec> {

  /** Longest part of Jackson's message repeated in the status. */
  private static final int MAX_DETAIL = 160;

  @Override
  public CountForecastSpec deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonNode tree = parser.readValueAsTree();
    try {
      return context.readTreeAsValue(tree, CountForecastSpec.class);
    } catch (JsonMappingException e) {
      return CountForecastSpec.unreadable(describe(e));
    } catch (IOException | RuntimeException e) {
      return CountForecastSpec.unreadable("spec cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /**
   * "spec.minSamples: cannot be read: 3000000000 is not a valid Integer", or Jackson's own
   * first line for other failures.
   */
  static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
    String detail;
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
      detail = abbreviate(String.valueOf(invalid.getValue())) + " is not a valid "
          + invalid.getTargetType().getSimpleName();
    } else {
      detail = abbreviate(e.getOriginalMessage() == null ? e.getClass().getSimpleName()
          : e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }
    return "spec" + path + ": cannot be read: " + detail;
  }

  private static String abbreviate(String text) {
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
  }
}
