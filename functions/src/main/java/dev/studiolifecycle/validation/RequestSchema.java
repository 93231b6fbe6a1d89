package dev.studiolifecycle.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The published JSON Schema of the state machine input (draft 2020-12), and its check of a raw
 * request. Violations come out as {@code field: rule}, with unknown fields named.
 */
public final class RequestSchema {

  /** Where the schema lives on the classpath (and in the repository, under resources). */
  public static final String RESOURCE = "/schema/state-machine-input.schema.json";

  private final Schema schema;

  private RequestSchema(Schema schema) {
    this.schema = schema;
  }

  /** Loads the schema from the classpath. */
  public static RequestSchema load() {
    try (InputStream in = RequestSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + RESOURCE + " is missing");
      }
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new RequestSchema(registry.getSchema(in, InputFormat.JSON));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + RESOURCE, e);
    }
  }

  /** Every way {@code request} departs from the schema, sorted by field; empty when valid. */
  public List<String> violations(JsonNode request) {
    List<String> messages = new ArrayList<>();
    for (Error error : schema.validate(request)) {
      messages.add(describe(request, error));
    }
    return messages.stream().distinct().sorted().toList();
  }

  private static String describe(JsonNode request, Error error) {
    String at = fieldName(request, error.getInstanceLocation().toString());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    return switch (keyword) {
      case "required" -> join(at, error.getProperty()) + ": is required";
      case "additionalProperties" ->
          join(at, error.getProperty()) + ": unknown field (not in the request schema)";
      case "type" ->
          name(at) + ": must be " + article(expectedType(error)) + ", not " + found(error);
      case "enum" -> name(at) + ": must be one of " + enumValues(error);
      default -> name(at) + ": " + error.getMessage();
    };
  }

  /**
   * Turns a JSON pointer ({@code /executionRole/create/s3Buckets/0}) into the field name a person
   * writes ({@code executionRole.create.s3Buckets[0]}), walking the input to tell array indexes
   * from object keys.
   */
  static String fieldName(JsonNode root, String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
      return "";
    }
    StringBuilder name = new StringBuilder();
    JsonNode node = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (node != null && node.isArray()) {
        name.append('[').append(segment).append(']');
        node = node.path(Integer.parseInt(segment));
      } else {
        if (!name.isEmpty()) {
          name.append('.');
        }
        name.append(segment);
        node = node == null ? null : node.get(segment);
      }
    }
    return name.toString();
  }

  private static String join(String parent, String property) {
    return parent.isEmpty() ? property : parent + "." + property;
  }

  private static String name(String at) {
    return at.isEmpty() ? "request" : at;
  }

  private static String expectedType(Error error) {
    Object[] args = error.getArguments();
    return args != null && args.length > 1 ? String.valueOf(args[1]) : "of another type";
  }

  private static String found(Error error) {
    Object[] args = error.getArguments();
    String type = args != null && args.length > 0 ? String.valueOf(args[0]) : "another type";
    return article(type);
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String enumValues(Error error) {
    JsonNode values = error.getSchemaNode();
    if (values != null && values.isArray()) {
      return String.join(
          ", ", StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList());
    }
    return String.valueOf(error.getArguments()[0]);
  }
}
