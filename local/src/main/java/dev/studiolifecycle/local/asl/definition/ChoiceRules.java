package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of a Choice state: its Choices (each with a Next) and Default. */
record ChoiceRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(COMMON, IO, ASSIGN, Set.of("Choices", "Default"));
  }

  @Override
  public ChoiceState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    List<ChoiceBranch> branches = new ArrayList<>();
    JsonNode choices = node.get("Choices");
    if (choices == null) {
      fields.problem(at(name, "Choices") + ": is required in a Choice state");
    } else if (!choices.isArray() || choices.isEmpty()) {
      fields.problem(
          at(name, "Choices")
              + ": must be a non-empty array of choice rules, got "
              + kind(choices));
    } else {
      for (int i = 0; i < choices.size(); i++) {
        String field = "Choices[" + i + "]";
        JsonNode rule = choices.get(i);
        if (!rule.isObject()) {
          fields.problem(at(name, field) + ": must be a choice rule object, got " + kind(rule));
          continue;
        }
        JsonNode next = rule.get("Next");
        if (next == null || !next.isTextual()) {
          fields.problem(
              at(name, field + ".Next") + ": every top-level choice rule needs a " + "string Next");
          continue;
        }
        links.add(field + ".Next", next.asText());
        JsonNode assign = fields.assign(name, rule, "Assign", field + ".Assign");
        try {
          branches.add(ChoiceBranch.parse(rule, name, field, assign));
        } catch (DefinitionException e) {
          fields.problem(e.getMessage());
        }
      }
    }
    String defaultState = fields.optionalString(node, "Default", name, "Default");
    if (defaultState != null) {
      links.add("Default", defaultState);
    }
    return new ChoiceState(
        name,
        fields.inputPath(name, node),
        fields.outputPath(name, node),
        branches,
        defaultState,
        fields.assign(name, node, "Assign"));
  }
}
