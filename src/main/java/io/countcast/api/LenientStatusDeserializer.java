package io.countcast.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads a stored {@code status} without ever failing: one the operator's types cannot hold
 * (written by a newer Countcast) is read as no status, which the next reconcile writes afresh,
 * instead of an exception that would fail the informer's list for every tenant.
 */
final class LenientStatusDeserializer extends JsonDeserializer<CountForecastStatus> {

  @Override
  public CountForecastStatus deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonNode tree = parser.readValueAsTree();
    try {
      return context.readTreeAsValue(tree, CountForecastStatus.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
