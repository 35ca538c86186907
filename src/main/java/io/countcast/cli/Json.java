package io.countcast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.model.Coefficient;
import java.util.List;

/** The CLI's JSON conventions: one mapper, and NaN/±Inf written as null (valid JSON). */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts a number, or null when it is not finite (JSON has no NaN). */
  static void put(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static ArrayNode coefficients(List<Coefficient> coefficients) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Coefficient c : coefficients) {
      ObjectNode o = array.addObject();
      o.put("term", c.term());
      put(o, "estimate", c.estimate());
      put(o, "stdError", c.stdError());
      put(o, "z", c.z());
      put(o, "pValue", c.pValue());
    }
    return array;
  }

  static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
