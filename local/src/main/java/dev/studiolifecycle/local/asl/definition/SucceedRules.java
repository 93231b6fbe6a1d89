package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The rules of a Succeed state. */
record SucceedRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(COMMON, IO);
  }

  @Override
  public SucceedState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    return new SucceedState(
        name,
        fields.inputPath(name, node),
        fields.outputPath(name, node),
        fields.jsonataFields(name, node));
  }
}
