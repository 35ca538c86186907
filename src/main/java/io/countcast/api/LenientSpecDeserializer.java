package io.countcast.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
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

  /** "spec.minSamples: cannot be read: Numeric value (3000000000) out of range of int …". */
  static String describe(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining());
    String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
        : e.getOriginalMessage().lines().findFirst().orElse("").strip();
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    return "spec" + path + ": cannot be read: " + detail;
  }
}
