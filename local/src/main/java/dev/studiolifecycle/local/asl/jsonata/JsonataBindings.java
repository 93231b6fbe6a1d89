package dev.studiolifecycle.local.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a JSONata expression of a state reads: {@code $states} ({@code input}, {@code context}, and
 * {@code result} or {@code errorOutput} where the field has one) and the workflow variables in
 * scope, by name.
 */
public record JsonataBindings(JsonNode states, Map<String, JsonNode> variables) {

  public JsonataBindings {
    variables = Map.copyOf(variables);
  }
}
