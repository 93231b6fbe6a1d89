package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the members of a Step Functions request as the service's front end does: a member of the
 * wrong JSON type fails at once with {@code SerializationException}; constraint violations are
 * collected and reported together in AWS's words ("1 validation error detected: Value '1001' at
 * 'maxResults' failed to satisfy constraint: ...") by {@link #check()}.
 */
final class StatesInput {

  private final JsonNode node;
  private final List<String> violations = new ArrayList<>();

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
    if (text.length() > maxLength) {
      violations.add(
          "Value '"
              + text
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + maxLength);
    }
    return text;
  }

  /** A member the operation cannot do without. */
  String requiredString(String member, int maxLength) {
    String text = string(member, maxLength);
    if (text == null) {
      violations.add(
          "Value null at '"
              + member
              + "' failed to satisfy constraint: Member must not "
              + "be null");
    } else if (text.isEmpty()) {
      violations.add(
          "Value '' at '"
              + member
              + "' failed to satisfy constraint: Member must have "
              + "length greater than or equal to 1");
    }
    return text;
  }

  /** A string member that must be one of {@code values} when present. */
  String enumeration(String member, Set<String> values) {
    String text = string(member, Integer.MAX_VALUE);
    if (text != null && !values.contains(text)) {
      violations.add(
          "Value '"
              + text
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy enum value set: "
              + values.stream().sorted().toList());
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
    if (number < min) {
      violations.add(
          "Value '"
              + number
              + "' at '"
              + member
              + "' failed to satisfy constraint: "
              + "Member must have value greater than or equal to "
              + min);
    } else if (number > max) {
      violations.add(
          "Value '"
              + number
              + "' at '"
              + member
              + "' failed to satisfy constraint: "
              + "Member must have value less than or equal to "
              + max);
    }
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
    if (violations.isEmpty()) {
      return;
    }
    String count =
        violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
    throw StepFunctionsErrors.validation(count + " detected: " + String.join("; ", violations));
  }
}
