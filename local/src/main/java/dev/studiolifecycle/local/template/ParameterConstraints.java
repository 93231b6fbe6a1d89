package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The constraints CloudFormation holds a parameter's value to before it creates anything
 * (CloudFormation user guide, "Parameters" syntax): {@code AllowedValues} and {@code
 * AllowedPattern} for the whole value (for a CommaDelimitedList, each element), {@code
 * MinLength}/{@code MaxLength} for strings, and for a Number a number within {@code
 * MinValue}/{@code MaxValue}. A value that breaks one fails the deployment with the parameter's
 * {@code ConstraintDescription}, as CloudFormation words it.
 */
final class ParameterConstraints {

  private ParameterConstraints() {}

  static void check(String name, JsonNode declaration, String type, String value) {
    List<String> values =
        type.equals("CommaDelimitedList") || type.startsWith("List<")
            ? List.of(value.split(",", -1)).stream().map(String::trim).toList()
            : List.of(value);
    JsonNode allowed = declaration.get("AllowedValues");
    for (String each : values) {
      if (allowed != null && allowed.isArray() && !contains(allowed, each)) {
        throw new TemplateException(
            "Parameters." + name + ": '" + each + "' is not one of its AllowedValues " + allowed);
      }
    }
    if (type.equals("Number") || type.equals("List<Number>")) {
      for (String each : values) {
        number(name, declaration, type, each);
      }
      return;
    }
    JsonNode pattern = declaration.get("AllowedPattern");
    for (String each : values) {
      if (pattern != null && !matches(name, pattern.asText(), each)) {
        fail(name, declaration, each, "must match pattern " + pattern.asText());
      }
    }
    int length = value.length();
    if (declaration.has("MinLength") && length < declaration.get("MinLength").asInt()) {
      fail(
          name,
          declaration,
          value,
          "must have at least " + declaration.get("MinLength") + " characters");
    }
    if (declaration.has("MaxLength") && length > declaration.get("MaxLength").asInt()) {
      fail(
          name,
          declaration,
          value,
          "must have at most " + declaration.get("MaxLength") + " characters");
    }
  }

  private static void number(String name, JsonNode declaration, String type, String value) {
    BigDecimal number;
    try {
      number = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(
          "Parameters." + name + ": '" + value + "' is not a number (its Type is " + type + ")");
    }
    if (declaration.has("MinValue")
        && number.compareTo(new BigDecimal(declaration.get("MinValue").asText())) < 0) {
      fail(name, declaration, value, "must be at least " + declaration.get("MinValue").asText());
    }
    if (declaration.has("MaxValue")
        && number.compareTo(new BigDecimal(declaration.get("MaxValue").asText())) > 0) {
      fail(name, declaration, value, "must be at most " + declaration.get("MaxValue").asText());
    }
  }

  private static boolean contains(JsonNode allowed, String value) {
    for (JsonNode candidate : allowed) {
      if (candidate.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String name, String pattern, String value) {
    try {
      return Pattern.compile(pattern).matcher(value).matches();
    } catch (PatternSyntaxException e) {
      throw new TemplateException(
          "Parameters."
              + name
              + ".AllowedPattern: not a regular expression: "
              + e.getDescription());
    }
  }

  /** CloudFormation: "Parameter 'X' failed to satisfy constraint: <ConstraintDescription>". */
  private static void fail(String name, JsonNode declaration, String value, String rule) {
    String why =
        declaration.hasNonNull("ConstraintDescription")
            ? declaration.get("ConstraintDescription").asText()
            : rule;
    throw new TemplateException(
        "Parameters." + name + ": '" + value + "' failed to satisfy constraint: " + why);
  }
}
