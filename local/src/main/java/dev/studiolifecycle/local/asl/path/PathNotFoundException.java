package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path that selects nothing in the document it was applied to. The caller decides which States
 * error that is (States.Runtime for InputPath/OutputPath/ItemsPath, States.Runtime for a {@code .$}
 * field), so this is not a {@code StatesError} itself.
 */
public class PathNotFoundException extends RuntimeException {

  private final String path;
  private final transient JsonNode document;
  private final String variable;

  public PathNotFoundException(String path, JsonNode document, String detail) {
    super(
        "The JSONPath '"
            + path
            + "' could not be found in the input '"
            + JsonText.compact(document)
            + "'"
            + (detail == null ? "" : ": " + detail));
    this.path = path;
    this.document = document;
    this.variable = null;
  }

  /** A path into a workflow variable that no state of this scope, or around it, has assigned. */
  public static PathNotFoundException unassignedVariable(String path, String name) {
    return new PathNotFoundException(path, name);
  }

  private PathNotFoundException(String path, String variable) {
    super(
        "The JSONPath '"
            + path
            + "' reads the variable '$"
            + variable
            + "', which no state of this scope or around it has assigned");
    this.path = path;
    this.document = null;
    this.variable = variable;
  }

  /** The path as written in the definition, e.g. {@code $.order.id} or {@code $$.Map.Item}. */
  public String path() {
    return path;
  }

  /** The document the path was applied to (the state input, or the Context object). */
  public JsonNode document() {
    return document;
  }

  /**
   * The cause text Step Functions gives when a path of a named field fails, e.g. {@code The
   * JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'}.
   */
  public String describeFor(String fieldName) {
    if (variable != null) {
      return "The JSONPath '"
          + path
          + "' specified for the field '"
          + fieldName
          + "' reads the variable '$"
          + variable
          + "', which no state of this scope or around it has assigned";
    }
    return "The JSONPath '"
        + path
        + "' specified for the field '"
        + fieldName
        + "' could not be found in the input '"
        + JsonText.compact(document)
        + "'";
  }
}
