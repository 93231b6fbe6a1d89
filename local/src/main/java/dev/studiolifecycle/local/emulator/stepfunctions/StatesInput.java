package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import java.util.Set;

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
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw StepFunctionsErrors.serialization(
          "Member '" + member + "' must be a string, got " + value.getNodeType());
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
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw StepFunctionsErrors.serialization(
          "Member '" + member + "' must be a boolean, got " + value.getNodeType());
    }
    return value.asBoolean();
  }

  /** An integer member between {@code min} and {@code max}, or {@code absent}. */
  int integer(String member, int min, int max, int absent) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw StepFunctionsErrors.serialization(
          "Member '" + member + "' must be an integer, got " + value);
    }
    int number = value.asInt();
    violations.checkRange(number, member, min, max);
    return number;
  }

  /** A structure member, or null when absent. */
  JsonNode object(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw StepFunctionsErrors.serialization(
          "Member '" + member + "' must be a structure, got " + value.getNodeType());
    }
    return value;
  }

  /** A list member, or null when absent. */
  JsonNode array(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw StepFunctionsErrors.serialization(
          "Member '" + member + "' must be a list, got " + value.getNodeType());
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
