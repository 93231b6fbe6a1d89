package dev.studiolifecycle.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.And;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.Comparison;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.Not;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.Or;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and checks Choice Rules, with errors that name the state and the rule's location. */
final class ChoiceRuleParser {

  private static final Set<String> COMBINATORS = Set.of("And", "Or", "Not");
  private static final Set<String> TOP_LEVEL_ONLY = Set.of("Next", "Assign");

  private ChoiceRuleParser() {}

  static ChoiceRule parse(JsonNode rule, String stateName, String where, boolean topLevel) {
    if (rule == null || !rule.isObject()) {
      throw error(stateName, where, "a Choice Rule must be a JSON object");
    }
    String keyword = keyword(rule, stateName, where, topLevel);
    String combinator = keyword != null && COMBINATORS.contains(keyword) ? keyword : null;
    ComparisonOperator operator =
        keyword == null || combinator != null
            ? null
            : ComparisonOperator.byFieldName(keyword).orElseThrow();
    if (combinator != null) {
      if (rule.has("Variable")) {
        throw error(stateName, where, "'Variable' cannot be used with '" + combinator + "'");
      }
      return combinator.equals("Not")
          ? new Not(parse(rule.get("Not"), stateName, where + ".Not", false))
          : combinatorRule(combinator, rule.get(combinator), stateName, where);
    }
    if (operator == null) {
      throw error(
          stateName,
          where,
          "a Choice Rule needs a comparison operator (e.g. "
              + "StringEquals, NumericLessThan, IsPresent) or And, Or, Not");
    }
    JsonNode variable = rule.get("Variable");
    if (variable == null) {
      throw error(stateName, where, "'" + operator.fieldName() + "' needs a 'Variable'");
    }
    if (!variable.isTextual()) {
      throw error(stateName, where + ".Variable", "must be a string path, not " + kind(variable));
    }
    JsonPathReader.validate(variable.asText(), stateName, where + ".Variable");
    JsonNode operand = rule.get(operator.fieldName());
    checkOperand(operator, operand, stateName, where + "." + operator.fieldName());
    return new Comparison(variable.asText(), operator, operand.deepCopy());
  }

  /**
   * The rule's one comparison operator or combinator (And, Or, Not), or null when it has none;
   * refuses a second one, a top-level-only field inside a combinator, and unknown fields.
   */
  private static String keyword(JsonNode rule, String stateName, String where, boolean topLevel) {
    String found = null;
    Iterator<String> names = rule.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (COMBINATORS.contains(name) || ComparisonOperator.byFieldName(name).isPresent()) {
        if (found != null) {
          throw error(
              stateName,
              where,
              "a Choice Rule must have exactly one comparison "
                  + "operator or And/Or/Not, but has both '"
                  + found
                  + "' and '"
                  + name
                  + "'");
        }
        found = name;
      } else if (TOP_LEVEL_ONLY.contains(name)) {
        if (!topLevel) {
          throw error(
              stateName,
              where,
              "'"
                  + name
                  + "' is only allowed in a top-level Choice "
                  + "Rule, not inside And, Or or Not");
        }
      } else if (!name.equals("Variable") && !name.equals("Comment")) {
        throw error(
            stateName,
            where,
            "unknown field '"
                + name
                + "' (expected Variable, a "
                + "comparison operator such as StringEquals, And, Or, Not, Comment"
                + (topLevel ? ", Next, Assign)" : ")"));
      }
    }
    return found;
  }

  private static ChoiceRule combinatorRule(
      String name, JsonNode value, String stateName, String where) {
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw error(stateName, where + "." + name, "must be a non-empty array of Choice Rules");
    }
    List<ChoiceRule> rules = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      rules.add(parse(value.get(i), stateName, where + "." + name + "[" + i + "]", false));
    }
    return name.equals("And") ? new And(rules) : new Or(rules);
  }

  private static void checkOperand(
      ComparisonOperator operator, JsonNode operand, String stateName, String where) {
    if (operator.takesPath()) {
      if (!operand.isTextual()) {
        throw error(stateName, where, "must be a string path, not " + kind(operand));
      }
      JsonPathReader.validate(operand.asText(), stateName, where);
      return;
    }
    switch (operator.family()) {
      case STRING:
        require(operand.isTextual(), "a string", operand, stateName, where);
        break;
      case STRING_PATTERN:
        require(operand.isTextual(), "a string", operand, stateName, where);
        try {
          WildcardPattern.compile(operand.asText());
        } catch (IllegalArgumentException e) {
          throw error(
              stateName, where, "invalid pattern '" + operand.asText() + "': " + e.getMessage());
        }
        break;
      case NUMERIC:
        require(operand.isNumber(), "a number", operand, stateName, where);
        break;
      case BOOLEAN:
      case TYPE_TEST:
        require(operand.isBoolean(), "a boolean", operand, stateName, where);
        break;
      case TIMESTAMP:
        require(operand.isTextual(), "a timestamp string", operand, stateName, where);
        if (Rfc3339Timestamp.parse(operand.asText()).isEmpty()) {
          throw error(
              stateName,
              where,
              "'"
                  + operand.asText()
                  + "' is not an RFC 3339 "
                  + "timestamp such as 2016-03-14T01:59:00Z (uppercase T, and Z or a numeric offset)");
        }
        break;
      default:
        throw new IllegalStateException("unknown operator family " + operator.family());
    }
  }

  private static void require(
      boolean ok, String expected, JsonNode operand, String stateName, String where) {
    if (!ok) {
      throw error(stateName, where, "must be " + expected + ", not " + kind(operand));
    }
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static DefinitionException error(String stateName, String where, String message) {
    return DefinitionException.inField(stateName, where, message);
  }
}
