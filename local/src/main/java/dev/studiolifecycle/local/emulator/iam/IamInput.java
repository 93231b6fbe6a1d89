package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.ConstraintViolations;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads IAM query parameters and collects constraint violations in IAM's words ({@code
 * ValidationError}: "1 validation error detected: Value 'x' at 'roleName' failed to satisfy
 * constraint: ...").
 */
final class IamInput {

  private final QueryParameters parameters;
  private final ConstraintViolations violations = new ConstraintViolations();

  IamInput(QueryParameters parameters) {
    this.parameters = parameters;
  }

  String required(String member, Pattern pattern, int minLength, int maxLength) {
    String value = optional(member, pattern, minLength, maxLength);
    if (value == null) {
      violations.missing(at(member));
    }
    return value;
  }

  String optional(String member, Pattern pattern, int minLength, int maxLength) {
    String value = parameters.get(member).orElse(null);
    if (value == null) {
      return null;
    }
    violations.checkString(value, at(member), pattern, minLength, maxLength);
    return value;
  }

  int optionalInt(String member, int min, int max, int fallback) {
    String value = parameters.get(member).orElse(null);
    if (value == null) {
      return fallback;
    }
    int number;
    try {
      number = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      violations.add(value, at(member), "Member must be an integer");
      return fallback;
    }
    violations.checkRange(number, at(member), min, max);
    return number;
  }

  String optionalEnum(String member, List<String> allowed) {
    String value = parameters.get(member).orElse(null);
    if (value != null) {
      violations.checkEnum(value, at(member), allowed);
    }
    return value;
  }

  /** A boolean member: the query protocol sends {@code true} or {@code false}. */
  boolean optionalBoolean(String member) {
    String value = parameters.get(member).orElse(null);
    if (value == null) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      violations.add(value, at(member), "Member must be a boolean");
      return false;
    }
    return Boolean.parseBoolean(value);
  }

  /** Reads {@code Tags.member.N.Key/Value}, checking IAM's tag rules. */
  Map<String, String> tags(String member, boolean required) {
    Map<String, String> tags = new LinkedHashMap<>();
    List<QueryParameters> items = parameters.members(member + ".member");
    if (required && items.isEmpty() && !parameters.has(member)) {
      violations.missing(at(member));
    }
    if (items.size() > IamResources.MAX_TAGS) {
      violations.add(
          "Value at '"
              + at(member)
              + "' failed to satisfy constraint: Member must "
              + "have length less than or equal to "
              + IamResources.MAX_TAGS);
    }
    for (int i = 0; i < items.size(); i++) {
      QueryParameters tag = items.get(i);
      String path = at(member) + "." + (i + 1) + ".member.";
      String key = tag.get("Key").orElse(null);
      String value = tag.get("Value").orElse(null);
      if (key == null) {
        violations.missing(path + "key");
      } else if (key.isEmpty() || key.length() > 128 || !TAG_KEY.matcher(key).matches()) {
        violations.add(
            key,
            path + "key",
            "Member must satisfy regular expression pattern: "
                + TAG_KEY.pattern()
                + " and have length between 1 and 128");
      }
      if (value == null) {
        violations.missing(path + "value");
      } else if (value.length() > 256 || !TAG_VALUE.matcher(value).matches()) {
        violations.add(
            value,
            path + "value",
            "Member must satisfy regular expression pattern: "
                + TAG_VALUE.pattern()
                + " and have length less than or equal to 256");
      }
      if (key != null && value != null) {
        if (tags.containsKey(key)) {
          throw IamErrors.INVALID_INPUT.because(
              "Duplicate tag keys found. Please note that Tag keys are " + "case insensitive.");
        }
        tags.put(key, value);
      }
    }
    return tags;
  }

  void throwIfInvalid() {
    violations.throwIfAny(IamErrors::validation);
  }

  private static String at(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
}
