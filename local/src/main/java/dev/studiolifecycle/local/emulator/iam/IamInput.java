package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import java.util.ArrayList;
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
  private final List<String> violations = new ArrayList<>();

  IamInput(QueryParameters parameters) {
    this.parameters = parameters;
  }

  String required(String member, Pattern pattern, int minLength, int maxLength) {
    String value = optional(member, pattern, minLength, maxLength);
    if (value == null) {
      violations.add(
          "Value null at '"
              + at(member)
              + "' failed to satisfy constraint: "
              + "Member must not be null");
    }
    return value;
  }

  String optional(String member, Pattern pattern, int minLength, int maxLength) {
    String value = parameters.get(member).orElse(null);
    if (value == null) {
      return null;
    }
    if (value.length() < minLength) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must have length greater than or equal to "
              + minLength);
    } else if (value.length() > maxLength) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must have length less than or equal to "
              + maxLength);
    } else if (pattern != null && !pattern.matcher(value).matches()) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern: "
              + pattern.pattern());
    }
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
      violations.add(
          "Value '"
              + value
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must be an integer");
      return fallback;
    }
    if (number < min) {
      violations.add(
          "Value '"
              + number
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must have value greater than or equal to "
              + min);
    } else if (number > max) {
      violations.add(
          "Value '"
              + number
              + "' at '"
              + at(member)
              + "' failed to satisfy "
              + "constraint: Member must have value less than or equal to "
              + max);
    }
    return number;
  }

  /** Reads {@code Tags.member.N.Key/Value}, checking IAM's tag rules. */
  Map<String, String> tags(String member, boolean required) {
    Map<String, String> tags = new LinkedHashMap<>();
    List<QueryParameters> items = parameters.members(member + ".member");
    if (required && items.isEmpty() && !parameters.has(member)) {
      violations.add(
          "Value null at '"
              + at(member)
              + "' failed to satisfy constraint: "
              + "Member must not be null");
    }
    if (items.size() > IamService.MAX_TAGS) {
      violations.add(
          "Value at '"
              + at(member)
              + "' failed to satisfy constraint: Member must "
              + "have length less than or equal to "
              + IamService.MAX_TAGS);
    }
    for (int i = 0; i < items.size(); i++) {
      QueryParameters tag = items.get(i);
      String path = at(member) + "." + (i + 1) + ".member.";
      String key = tag.get("Key").orElse(null);
      String value = tag.get("Value").orElse(null);
      if (key == null) {
        violations.add(
            "Value null at '"
                + path
                + "key' failed to satisfy constraint: "
                + "Member must not be null");
      } else if (key.isEmpty() || key.length() > 128 || !TAG_KEY.matcher(key).matches()) {
        violations.add(
            "Value '"
                + key
                + "' at '"
                + path
                + "key' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: "
                + TAG_KEY.pattern()
                + " and have length between 1 and 128");
      }
      if (value == null) {
        violations.add(
            "Value null at '"
                + path
                + "value' failed to satisfy constraint: "
                + "Member must not be null");
      } else if (value.length() > 256 || !TAG_VALUE.matcher(value).matches()) {
        violations.add(
            "Value '"
                + value
                + "' at '"
                + path
                + "value' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: "
                + TAG_VALUE.pattern()
                + " and have length less than or equal to 256");
      }
      if (key != null && value != null) {
        if (tags.containsKey(key)) {
          throw IamErrors.invalidInput(
              "Duplicate tag keys found. Please note that Tag keys are " + "case insensitive.");
        }
        tags.put(key, value);
      }
    }
    return tags;
  }

  void throwIfInvalid() {
    if (violations.isEmpty()) {
      return;
    }
    String count =
        violations.size() == 1
            ? "1 validation error detected: "
            : violations.size() + " validation errors detected: ";
    throw IamErrors.validation(count + String.join("; ", violations));
  }

  private static String at(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
}
