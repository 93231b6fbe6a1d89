package dev.studiolifecycle.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.path.PathContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a Choice state's {@code Choices}: a rule and the state to go to when it matches,
 * plus the rule's {@code Assign} block when it has one.
 */
public record ChoiceBranch(ChoiceRule rule, String next, JsonNode assign) {

  public ChoiceBranch {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(next, "next");
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

  /** Whether the rule matches; see {@link ChoiceRule#matches}. */
  public boolean matches(PathContext ctx) {
    return rule.matches(ctx);
  }

  /** The rule's {@code Assign} block (workflow variables), when it has one. */
  public Optional<JsonNode> assignment() {
    return Optional.ofNullable(assign);
  }
}
