package dev.studiolifecycle.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * JSON for the records of this package when a handler reads or writes them itself (the stream
 * handler, the state machine input that StartWorkflow sends). Like the Lambda runtime's serializer,
 * it leaves null fields out, so both produce the same documents.
 */
public final class ModelJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private ModelJson() {}

  public static JsonNode readTree(InputStream in) throws IOException {
    return MAPPER.readTree(in);
  }

  public static JsonNode readTree(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  public static <T> T treeToValue(JsonNode node, Class<T> type) throws JsonProcessingException {
    return MAPPER.treeToValue(node, type);
  }

  public static void write(Object value, OutputStream out) throws IOException {
    MAPPER.writeValue(out, value);
  }

  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Records of this package always serialize; failing here is a programming error.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Reads a record from JSON text; for tests and tools. */
  public static <T> T fromJson(String json, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(json, type);
  }
}
