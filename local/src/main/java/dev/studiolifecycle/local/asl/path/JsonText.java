package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.UncheckedIOException;

/** Compact JSON text of a node, for error causes that quote the input as Step Functions does. */
final class JsonText {

  private JsonText() {}

  static String compact(JsonNode node) {
    if (node == null) {
      return "null";
    }
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }
}
