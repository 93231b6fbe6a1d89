package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Compact JSON text of a node, for error causes that quote the input as Step Functions does. */
public final class JsonText {

  private JsonText() {}

  public static String compact(JsonNode node) {
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

  /** "a string", "an array", ... for error messages. */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
