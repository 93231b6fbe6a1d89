package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Set;

/** The rules of a Pass state. */
record PassRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(COMMON, IO, FLOW, ASSIGN, Set.of("Parameters", "Result", "ResultPath"));
  }

  @Override
  public PassState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    JsonNode result = node.has("Result") ? node.get("Result") : MissingNode.getInstance();
    return new PassState(
        name,
        fields.inputPath(name, node),
        fields.template(name, node, "Parameters"),
        result,
        fields.resultPath(name, node, "ResultPath"),
        fields.outputPath(name, node),
        fields.assign(name, node, "Assign"),
        fields.transition(name, node, links),
        fields.jsonataFields(name, node));
  }
}
