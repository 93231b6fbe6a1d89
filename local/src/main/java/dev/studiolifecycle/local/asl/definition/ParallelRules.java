package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of a Parallel state: its Branches, each a StartAt/States block. */
record ParallelRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(WITH_RESULT_AND_ERRORS, Set.of("Branches", "Parameters"));
  }

  @Override
  public ParallelState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    List<StatesBlock> branches = new ArrayList<>();
    JsonNode branchesNode = node.get("Branches");
    if (branchesNode == null) {
      fields.problem(at(name, "Branches") + ": is required in a Parallel state");
    } else if (!branchesNode.isArray() || branchesNode.isEmpty()) {
      fields.problem(
          at(name, "Branches")
              + ": must be a non-empty array of branches, got "
              + kind(branchesNode));
    } else {
      for (int i = 0; i < branchesNode.size(); i++) {
        String prefix = "Branches[" + i + "].";
        JsonNode branch = branchesNode.get(i);
        if (!branch.isObject()) {
          fields.problem(
              at(name, "Branches[" + i + "]")
                  + ": must be an object with StartAt and "
                  + "States, got "
                  + kind(branch));
          continue;
        }
        fields.checkBlockFields(name, prefix, branch, Set.of("StartAt", "States", "Comment"));
        StatesBlock block = fields.block(branch, name, prefix);
        if (block != null) {
          branches.add(block);
        }
      }
    }
    return new ParallelState(
        name,
        fields.inputPath(name, node),
        fields.template(name, node, "Parameters"),
        branches,
        fields.handling(name, node, links),
        fields.transition(name, node, links),
        fields.jsonataFields(name, node));
  }
}
