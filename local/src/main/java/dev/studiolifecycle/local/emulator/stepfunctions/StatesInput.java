package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the members of a Step Functions request as the service's front end does: a member of the
 * wrong JSON type fails at once with {@code SerializationException}; constraint violations are
 * collected and reported together in AWS's words ("1 validation error detected: Value '1001' at
 * 'maxResults' failed to satisfy constraint: ...") by {@link #check()}.
 */
final class StatesInput {

  private final JsonNode node;
  private final ConstraintViolations violations = new ConstraintViolations();

  StatesInput(JsonNode node) {
    this.node = node;
  }

  /** The member's text, or null when it is absent; checks its length. */
  String string(String member, int maxLength) {
    JsonNode value = present(member, JsonNode::isTextual, "a string");
    if (value == null) {
      return null;
    }
    String text = value.asText();
    violations.checkString(text, member, null, 0, maxLength);
    return text;
  }

  /** A member the operation cannot do without. */
  String requiredString(String member, int maxLength) {
    String text = string(member, maxLength);
    if (text == null) {
      violations.missing(member);
    } else if (text.isEmpty()) {
      violations.add(text, member, "Member must have length greater than or equal to 1");
    }
    return text;
  }

  /** A string member that must be one of {@code values} when present. */
  String enumeration(String member, Set<String> values) {
    String text = string(member, Integer.MAX_VALUE);
    if (text != null) {
      violations.checkEnum(text, member, values.stream().sorted().toList());
    }
    return text;
  }

  boolean bool(String member, boolean absent) {
    JsonNode value = present(member, JsonNode::isBoolean, "a boolean");
    return value == null ? absent : value.asBoolean();
  }

  /** An integer member between {@code min} and {@code max}, or {@code absent}. */
  int integer(String member, int min, int max, int absent) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw StepFunctionsErrors.SERIALIZATION.about(
          "Member '" + member + "' must be an integer, got " + value);
    }
    int number = value.asInt();
    violations.checkRange(number, member, min, max);
    return number;
  }

  /** A structure member, or null when absent. */
  JsonNode object(String member) {
    return present(member, JsonNode::isObject, "a structure");
  }

  /** A list member, or null when absent. */
  JsonNode array(String member) {
    return present(member, JsonNode::isArray, "a list");
  }

  /**
   * The member, or null when it is absent or JSON null; a member of another JSON type than {@code
   * type} is refused at once, as the service's deserializer does.
   */
  private JsonNode present(String member, Predicate<JsonNode> type, String expected) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!type.test(value)) {
      throw StepFunctionsErrors.SERIALIZATION.about(
          "Member '" + member + "' must be " + expected + ", got " + value.getNodeType());
    }
    return value;
  }

  /** Adds a violation of a rule the reader methods do not cover. */
  void violation(String message) {
    violations.add(message);
  }

  /** Throws {@code ValidationException} listing every violation so far. */
  void check() {
    violations.throwIfAny(StepFunctionsErrors::validation);
  }
}
