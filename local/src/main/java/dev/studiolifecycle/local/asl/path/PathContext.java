package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * What a path is evaluated against: {@code $} paths read {@code input}, {@code $$} paths read the
 * Context object (execution, state, state machine, task, and Map item data), {@code $name} paths
 * read the workflow variable {@code name}.
 *
 * <p>A Java null is normalised to JSON {@code null} for the input and to an empty object for the
 * context, so that evaluation never has to tell the two apart.
 */
public record PathContext(JsonNode input, JsonNode context, VariableLookup variables) {

  public PathContext {
    input = input == null ? NullNode.getInstance() : input;
    context = context == null ? JsonNodeFactory.instance.objectNode() : context;
    variables = variables == null ? VariableLookup.NONE : variables;
  }

  /** A context without workflow variables. */
  public PathContext(JsonNode input, JsonNode context) {
    this(input, context, VariableLookup.NONE);
  }

  /** A context with the given input and an empty Context object. */
  public static PathContext of(JsonNode input) {
    return new PathContext(input, null);
  }

  /** The same Context object with another input, e.g. the effective input after InputPath. */
  public PathContext withInput(JsonNode newInput) {
    return new PathContext(newInput, context, variables);
  }
}
