package dev.studiolifecycle.local.emulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the members of an awsJson request the way the services' front ends check them (SageMaker's
 * words, which the Identity Store and SSO admin share): wrong JSON types fail at once ({@code
 * SerializationException}); constraint violations are collected and reported together in AWS's
 * words ("2 validation errors detected: Value 'x' at 'userProfileName' failed to satisfy
 * constraint: ...").
 */
public record JsonInput(JsonNode node, String path, ConstraintViolations violations) {

  public static JsonInput of(JsonNode root) {
    return new JsonInput(root, "", new ConstraintViolations());
  }

  /** The raw node (the object this input reads). */
  public boolean has(String member) {
    JsonNode value = node.get(member);
    return value != null && !value.isNull();
  }

  public String requiredString(String member, Pattern pattern, int maxLength) {
    String value = optionalString(member, pattern, maxLength);
    if (value == null) {
      violations.missing(at(member));
    }
    return value;
  }

  /** The string member, or null when absent; checks the pattern (full match) and length. */
  public String optionalString(String member, Pattern pattern, int maxLength) {
    JsonNode value = present(member, JsonNode::isTextual, "a string");
    if (value == null) {
      return null;
    }
    String text = value.textValue();
    violations.checkString(text, at(member), pattern, 0, maxLength);
    return text;
  }

  public String requiredEnum(String member, Collection<String> allowed) {
    String value = optionalEnum(member, allowed);
    if (value == null) {
      violations.missing(at(member));
    }
    return value;
  }

  public String optionalEnum(String member, Collection<String> allowed) {
    String value = optionalString(member, null, Integer.MAX_VALUE);
    if (value != null) {
      violations.checkEnum(value, at(member), allowed);
    }
    return value;
  }

  /** The integer member, or {@code fallback} when absent; checks the range. */
  public int optionalInt(String member, int min, int max, int fallback) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw serialization("Expected an integer for member '" + at(member) + "' but got " + value);
    }
    int number = value.intValue();
    violations.checkRange(number, at(member), min, max);
    return number;
  }

  /** Integers where the model says long (POSIX ids), range-checked. */
  public void optionalLong(String member, long min, long max) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw serialization("Expected an integer for member '" + at(member) + "' but got " + value);
    }
    long number = value.longValue();
    if (number < min || number > max) {
      violations.add(number, at(member), "Member must have value between " + min + " and " + max);
    }
  }

  public boolean optionalBoolean(String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw serialization("Expected a boolean for member '" + at(member) + "' but got " + value);
    }
    return value.booleanValue();
  }

  /** The nested structure, or null when absent. */
  public JsonInput optionalObject(String member) {
    JsonNode value = present(member, JsonNode::isObject, "an object");
    if (value == null) {
      return null;
    }
    return new JsonInput(value, at(member) + ".", violations);
  }

  public JsonInput requiredObject(String member) {
    JsonInput value = optionalObject(member);
    if (value == null) {
      violations.missing(at(member));
    }
    return value;
  }

  /** The list members, or an empty list when absent; checks the count. */
  public List<JsonNode> optionalList(String member, int minItems, int maxItems) {
    JsonNode value = present(member, JsonNode::isArray, "a list");
    if (value == null) {
      return List.of();
    }
    if (value.size() < minItems) {
      violations.add(
          value, at(member), "Member must have length greater than or equal to " + minItems);
    } else if (value.size() > maxItems) {
      violations.add(
          value, at(member), "Member must have length less than or equal to " + maxItems);
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  /** A list of strings, each checked against {@code pattern} or {@code allowed}. */
  public List<String> optionalStringList(
      String member, int maxItems, Pattern pattern, Collection<String> allowed) {
    List<String> values = new ArrayList<>();
    List<JsonNode> items = optionalList(member, 0, maxItems);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String itemPath = at(member) + "." + (i + 1) + ".member";
      if (!item.isTextual()) {
        throw serialization(
            "Expected a string in list '" + at(member) + "' but got " + item.getNodeType());
      }
      String text = item.textValue();
      if (pattern != null) {
        violations.checkString(text, itemPath, pattern, 0, Integer.MAX_VALUE);
      }
      if (allowed != null) {
        violations.checkEnum(text, itemPath, allowed);
      }
      values.add(text);
    }
    return values;
  }

  /** The list's objects as inputs of their own, for nested checks. */
  public List<JsonInput> optionalObjectList(String member, int maxItems) {
    List<JsonInput> inputs = new ArrayList<>();
    List<JsonNode> items = optionalList(member, 0, maxItems);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw serialization(
            "Expected an object in list '" + at(member) + "' but got " + item.getNodeType());
      }
      inputs.add(new JsonInput(item, at(member) + "." + (i + 1) + ".member.", violations));
    }
    return inputs;
  }

  /** Records a rule violation in AWS's words for {@code member}. */
  public void violation(String member, Object value, String constraint) {
    violations.add(value, at(member), constraint);
  }

  /** Throws a ValidationException naming every violation found so far. */
  public void throwIfInvalid() {
    violations.throwIfAny(JsonInput::validation);
  }

  /**
   * The member, or null when it is absent or JSON null; a member of another JSON type than {@code
   * type} is refused at once ({@code SerializationException}), as the service's deserializer does.
   */
  private JsonNode present(String member, Predicate<JsonNode> type, String expected) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!type.test(value)) {
      throw serialization(
          "Expected "
              + expected
              + " for member '"
              + at(member)
              + "' but got "
              + value.getNodeType());
    }
    return value;
  }

  /** The member's path in AWS's style: lower camel case, dotted. */
  private String at(String member) {
    return path + Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  /** The error of a well-formed request that breaks a rule of the model. */
  public static AwsServiceError validation(String message) {
    return AwsServiceError.badRequest("ValidationException", message);
  }

  static AwsServiceError serialization(String message) {
    return AwsServiceError.badRequest("SerializationException", message);
  }
}
