package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import java.util.Set;

/**
 * The rules of a Fail state: Error or ErrorPath, Cause or CausePath, each a literal, a path or an
 * intrinsic function.
 */
record FailRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(COMMON, Set.of("Error", "ErrorPath", "Cause", "CausePath"));
  }

  @Override
  public FailState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    return new FailState(
        name,
        text(name, node, fields, "Error", "ErrorPath"),
        text(name, node, fields, "Cause", "CausePath"));
  }

  private static TextSource text(
      String name, JsonNode node, DefinitionFields fields, String literal, String pathField) {
    if (node.has(literal) && node.has(pathField)) {
      fields.problem(
          at(name, pathField)
              + ": a Fail state may have "
              + literal
              + " or "
              + pathField
              + ", not both");
      return TextSource.none();
    }
    if (node.has(literal) && fields.jsonata(node)) {
      JsonNode expression = fields.jsonataExpression(name, node.get(literal), literal);
      if (expression != null) {
        return new TextSource.Jsonata(expression);
      }
    }
    if (node.has(literal)) {
      String text = fields.optionalString(node, literal, name, literal);
      return text == null ? TextSource.none() : new TextSource.Literal(text);
    }
    if (node.has(pathField)) {
      String expression = fields.optionalString(node, pathField, name, pathField);
      if (expression == null) {
        return TextSource.none();
      }
      if (IntrinsicFunctions.isIntrinsic(expression)) {
        try {
          IntrinsicFunctions.parse(expression, name, pathField);
          return new TextSource.Expression(expression);
        } catch (DefinitionException e) {
          fields.problem(e.getMessage());
          return TextSource.none();
        }
      }
      return fields.checkPath(name, pathField, expression)
          ? new TextSource.Expression(expression)
          : TextSource.none();
    }
    return TextSource.none();
  }
}
