package dev.studiolifecycle.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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

  private static final ObjectReader REQUEST_READER =
      MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private ModelJson() {}

  /**
   * Reads JSON that a requester wrote (a request, an HR message). A key twice in one object is
   * refused: readers differ in which of the two they keep, so the request would mean one thing to
   * the validator and maybe another to whoever read it first.
   */
  public static JsonNode readRequest(InputStream in) throws IOException {
    return REQUEST_READER.readTree(in);
  }

  public static JsonNode readRequest(String json) throws JsonProcessingException {
    return REQUEST_READER.readTree(json);
  }

  /**
   * What is wrong with requester JSON that did not parse, and where, without the parser's own
   * message: that quotes the input, which may hold personal data.
   */
  public static String problemOf(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where =
        at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    if (e instanceof StreamConstraintsException) {
      // Jackson's StreamReadConstraints: nesting deeper than 1,000 levels, or a value too long.
      return "nests deeper, or holds a longer value, than a JSON reader allows" + where;
    }
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return "has a key twice in one object" + where;
    }
    return "is not valid JSON" + where;
  }

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
