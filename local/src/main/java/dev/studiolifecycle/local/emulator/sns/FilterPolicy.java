package dev.studiolifecycle.local.emulator.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A subscription filter policy of scope {@code MessageBody}, as far as the emulator models it:
 * property names (nested objects for nested properties) each with a list of exact values, strings
 * compared case-sensitively, numbers by value, and the keywords true, false and null. A message is
 * delivered when every property of the policy is in the body and one of its values matches (SNS
 * developer guide, "Amazon SNS subscription filter policies" and "Filter policy constraints": at
 * most five keys, at most 150 combinations of values). Operators ({@code prefix}, {@code
 * anything-but}, {@code exists}, {@code numeric}, {@code $or}, ...) are refused when the policy is
 * read, not half served.
 */
public final class FilterPolicy {

  private static final int MAX_KEYS = 5;
  private static final int MAX_COMBINATIONS = 150;

  private final JsonNode policy;

  private FilterPolicy(JsonNode policy) {
    this.policy = policy;
  }

  /**
   * Reads a policy.
   *
   * @throws IllegalArgumentException naming the rule the policy breaks or the part not modelled
   */
  public static FilterPolicy of(JsonNode policy) {
    Objects.requireNonNull(policy, "policy");
    if (!policy.isObject() || policy.isEmpty()) {
      throw new IllegalArgumentException("FilterPolicy: must be a non-empty JSON object");
    }
    int[] counts = {0, 1};
    check(policy, "", counts);
    if (counts[0] > MAX_KEYS) {
      throw new IllegalArgumentException(
          "FilterPolicy: has " + counts[0] + " keys; a filter policy can have at most 5");
    }
    if (counts[1] > MAX_COMBINATIONS) {
      throw new IllegalArgumentException(
          "FilterPolicy: " + counts[1] + " combinations of values; at most 150");
    }
    return new FilterPolicy(policy);
  }

  private static void check(JsonNode policy, String at, int[] counts) {
    for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = at + field.getKey();
      if (field.getKey().startsWith("$")) {
        throw new IllegalArgumentException(
            "FilterPolicy." + path + ": the emulator models exact values only, not $or");
      }
      JsonNode value = field.getValue();
      if (value.isObject()) {
        check(value, path + ".", counts);
      } else if (value.isArray() && !value.isEmpty()) {
        counts[0]++;
        counts[1] *= value.size();
        for (JsonNode allowed : value) {
          if (allowed.isContainerNode()) {
            throw new IllegalArgumentException(
                "FilterPolicy."
                    + path
                    + ": the emulator models exact values only, not operators such as "
                    + allowed);
          }
        }
      } else {
        throw new IllegalArgumentException(
            "FilterPolicy." + path + ": must be a non-empty array of values or a nested object");
      }
    }
  }

  /** Whether a message with this JSON body is delivered to the subscription. */
  public boolean matches(JsonNode body) {
    return body != null && body.isObject() && matches(policy, body);
  }

  private static boolean matches(JsonNode policy, JsonNode body) {
    for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode actual = body.get(field.getKey());
      if (actual == null) {
        return false;
      }
      if (field.getValue().isObject()) {
        if (!actual.isObject() || !matches(field.getValue(), actual)) {
          return false;
        }
      } else if (!anyMatches(field.getValue(), actual)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(JsonNode allowed, JsonNode actual) {
    if (actual.isArray()) {
      for (JsonNode element : actual) {
        if (anyMatches(allowed, element)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode value : allowed) {
      if (value.isNumber() && actual.isNumber()
          ? value.decimalValue().compareTo(actual.decimalValue()) == 0
          : value.equals(actual)) {
        return true;
      }
    }
    return false;
  }
}
