package dev.studiolifecycle.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ComparisonOperator.Family;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PathContext;
import dev.studiolifecycle.local.asl.path.PathNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Choice Rule without its {@code Next}: a comparison of a variable with a value, or a boolean
 * combination of rules. {@link ChoiceBranch} is a top-level rule with its {@code Next}.
 */
public sealed interface ChoiceRule
    permits ChoiceRule.Comparison, ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not {

  /**
   * Whether the rule matches. A comparison whose value has the wrong type does not match.
   *
   * @throws StatesError {@code States.Runtime} when the Variable path (or the operand path of a
   *     {@code ...Path} operator) selects nothing, except for IsPresent, which is then false
   */
  boolean matches(PathContext ctx);

  /**
   * Parses a nested rule (inside And, Or or Not), which must not have a {@code Next}.
   *
   * @param where the rule's location, e.g. {@code Choices[0].And[1]}
   * @throws DefinitionException naming the state and the location when the rule is malformed
   */
  static ChoiceRule parse(JsonNode rule, String stateName, String where) {
    return ChoiceRuleParser.parse(rule, stateName, where, false);
  }

  /**
   * {@code Variable} compared with {@code operand} by {@code operator}. For a {@code ...Path}
   * operator the operand is the path (a string) of the value to compare with.
   */
  record Comparison(String variable, ComparisonOperator operator, JsonNode operand)
      implements ChoiceRule {

    @Override
    public boolean matches(PathContext ctx) {
      JsonNode value;
      try {
        value = JsonPathReader.read(variable, ctx);
      } catch (PathNotFoundException e) {
        if (operator == ComparisonOperator.IS_PRESENT) {
          return !operand.booleanValue();
        }
        throw invalidPath(variable, e);
      }
      if (operator.family() == Family.TYPE_TEST) {
        return hasType(value) == operand.booleanValue();
      }
      JsonNode expected = operand;
      if (operator.takesPath()) {
        try {
          expected = JsonPathReader.read(operand.asText(), ctx);
        } catch (PathNotFoundException e) {
          throw invalidPath(operand.asText(), e);
        }
      }
      return compare(value, expected);
    }

    private boolean hasType(JsonNode value) {
      switch (operator) {
        case IS_NULL:
          return value.isNull();
        case IS_PRESENT:
          return true;
        case IS_NUMERIC:
          return value.isNumber();
        case IS_STRING:
          return value.isTextual();
        case IS_BOOLEAN:
          return value.isBoolean();
        case IS_TIMESTAMP:
          return value.isTextual() && Rfc3339Timestamp.parse(value.asText()).isPresent();
        default:
          throw new IllegalStateException(operator + " is not a type test");
      }
    }

    private boolean compare(JsonNode value, JsonNode expected) {
      switch (operator.family()) {
        case STRING:
          return value.isTextual()
              && expected.isTextual()
              // Step Functions documents Java's String.compareTo as the string order.
              && operator.relation().holds(value.asText().compareTo(expected.asText()));
        case STRING_PATTERN:
          return value.isTextual()
              && WildcardPattern.compile(expected.asText()).matches(value.asText());
        case NUMERIC:
          return value.isNumber()
              && expected.isNumber()
              && operator.relation().holds(value.decimalValue().compareTo(expected.decimalValue()));
        case BOOLEAN:
          return value.isBoolean()
              && expected.isBoolean()
              && value.booleanValue() == expected.booleanValue();
        case TIMESTAMP:
          Optional<Instant> left = timestamp(value);
          Optional<Instant> right = timestamp(expected);
          return left.isPresent()
              && right.isPresent()
              && operator.relation().holds(left.get().compareTo(right.get()));
        default:
          throw new IllegalStateException(operator + " is not a comparison");
      }
    }

    private static Optional<Instant> timestamp(JsonNode node) {
      return node.isTextual() ? Rfc3339Timestamp.parse(node.asText()) : Optional.empty();
    }

    private static StatesError invalidPath(String path, PathNotFoundException e) {
      return new StatesError(
          StatesError.RUNTIME,
          "Invalid path '"
              + path
              + "': The choice state's condition path references an undefined value. "
              + e.getMessage(),
          e);
    }
  }

  /** Matches when every rule matches (evaluated in order, stopping at the first that doesn't). */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(PathContext ctx) {
      for (ChoiceRule rule : rules) {
        if (!rule.matches(ctx)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Matches when any rule matches (evaluated in order, stopping at the first that does). */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(PathContext ctx) {
      for (ChoiceRule rule : rules) {
        if (rule.matches(ctx)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Matches when its rule does not. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean matches(PathContext ctx) {
      return !rule.matches(ctx);
    }
  }
}
