package dev.studiolifecycle.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.path.PathContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a Choice state's {@code Choices}: a rule and the state to go to when it matches,
 * plus the rule's {@code Assign} block when it has one. A JSONata state's rule is a {@code
 * Condition} (a JSONata expression that must give a boolean) instead of a {@link ChoiceRule}, and
 * may have an {@code Output}.
 *
 * @param rule the JSONPath rule, or null for a JSONata Condition
 * @param condition the JSONata Condition, or null for a JSONPath rule
 * @param output a JSONata rule's Output, or null
 */
public record ChoiceBranch(
    ChoiceRule rule, String next, JsonNode assign, JsonNode condition, JsonNode output) {

  public ChoiceBranch {
    Objects.requireNonNull(next, "next");
    if ((rule == null) == (condition == null)) {
      throw new IllegalArgumentException("a choice rule has a JSONPath rule or a Condition");
    }
  }

  /** A JSONPath rule. */
  public ChoiceBranch(ChoiceRule rule, String next, JsonNode assign) {
    this(rule, next, assign, null, null);
  }

  /** A JSONata rule: its Condition, Next, and Assign and Output (null when absent). */
  public static ChoiceBranch jsonata(
      JsonNode condition, String next, JsonNode assign, JsonNode output) {
    return new ChoiceBranch(null, next, assign, Objects.requireNonNull(condition), output);
  }

  /**
   * Parses {@code Choices[i]}.
   *
   * @param where the rule's location, e.g. {@code Choices[2]}
   * @throws DefinitionException naming the state and the location when the rule is malformed
   */
  public static ChoiceBranch parse(JsonNode rule, String stateName, String where) {
    return parse(rule, stateName, where, rule.path("Assign"));
  }

  /**
   * Parses {@code Choices[i]} whose Assign the definition checker has already read.
   *
   * @param assign the rule's Assign, or a missing node
   */
  public static ChoiceBranch parse(JsonNode rule, String stateName, String where, JsonNode assign) {
    ChoiceRule parsed = ChoiceRuleParser.parse(rule, stateName, where, true);
    JsonNode next = rule.get("Next");
    if (next == null || !next.isTextual() || next.asText().isEmpty()) {
      throw DefinitionException.inField(
          stateName, where, "a top-level Choice Rule must have a 'Next' naming a state");
    }
    return new ChoiceBranch(
        parsed, next.asText(), assign == null || assign.isMissingNode() ? null : assign);
  }

  /** Whether the JSONPath rule matches; see {@link ChoiceRule#matches}. */
  public boolean matches(PathContext ctx) {
    if (rule == null) {
      throw new IllegalStateException("a JSONata Condition is evaluated by the interpreter");
    }
    return rule.matches(ctx);
  }

  /** The rule's {@code Assign} block (workflow variables), when it has one. */
  public Optional<JsonNode> assignment() {
    return Optional.ofNullable(assign);
  }
}
