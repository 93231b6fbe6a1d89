package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A property that takes one of a service's listed values, and how the refusal lists them. */
final class AllowedValues {

  private AllowedValues() {}

  /** The values, sorted and comma-separated, as the refusals list them. */
  static String sorted(Set<String> values) {
    return String.join(", ", values.stream().sorted().toList());
  }

  /** Refuses {@code value}, when present, unless it is one of {@code values}. */
  static void check(JsonNode value, Set<String> values, String where) {
    if (!value.isMissingNode() && !values.contains(value.asText())) {
      throw new TemplateException(
          where + ": must be one of " + sorted(values) + ", got " + value.asText());
    }
  }
}
