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

  /** A JSONata rule's fields (developer guide, "Choice workflow state"). */
  private static final Set<String> JSONATA_RULE =
      Set.of("Condition", "Next", "Assign", "Output", "Comment");

  /** A JSONata state's rule: a Condition expression, Next, Assign and Output; null on problems. */
  private static ChoiceBranch jsonataRule(
      String name, String field, JsonNode rule, DefinitionFields fields) {
    int before = fields.problems.size();
    for (java.util.Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!JSONATA_RULE.contains(key)) {
        fields.problem(
            at(name, field + "." + key)
                + ": unknown field in a JSONata choice rule (expected Condition, Next, Assign, "
                + "Output)");
      }
    }
    JsonNode condition = rule.get("Condition");
    if (condition == null) {
      fields.problem(at(name, field + ".Condition") + ": is required in a JSONata choice rule");
    } else if (fields.jsonataExpression(name, condition, field + ".Condition") == null
        && fields.problems.size() == before) {
      fields.problem(
          at(name, field + ".Condition")
              + ": must be a JSONata expression ({% ... %}) that gives a boolean, got "
              + kind(condition));
    }
    JsonNode assign = fields.assign(name, rule, "Assign", field + ".Assign", true);
    JsonNode output = fields.jsonataTemplate(name, rule, "Output", field + ".Output");
    if (fields.problems.size() != before) {
      return null;
    }
    return ChoiceBranch.jsonata(
        condition,
        rule.get("Next").asText(),
        assign.isMissingNode() ? null : assign,
        output.isMissingNode() ? null : output);
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
        if (fields.jsonata(node)) {
          ChoiceBranch branch = jsonataRule(name, field, rule, fields);
          if (branch != null) {
            branches.add(branch);
          }
          continue;
        }
        JsonNode assign = fields.assign(name, rule, "Assign", field + ".Assign", false);
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
        fields.assign(name, node, "Assign"),
        fields.jsonataFields(name, node));
  }
}
