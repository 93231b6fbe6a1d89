package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One resource's walk through its property values beside their schema (as {@link PropertySchemas}
 * reads it), gathering what fails in the words of the JSON schema validator CloudFormation uses.
 * Every problem is listed, as that validator lists the leaves of its failure
 * ("ValidationException.getAllMessages").
 *
 * <p>A schema's branches are followed as JSON Schema (draft-07) defines them: every branch of
 * {@code allOf} must hold, at least one of {@code anyOf}, exactly one of {@code oneOf}. When none
 * holds, the problems of every branch are listed (they are the failure's causes); when more than
 * one branch of a {@code oneOf} holds, "#/Path: 2 subschemas matched instead of one" (the words
 * CloudFormation gives when both of two exclusive properties are set). A value given by an
 * intrinsic function the local runtime could not resolve is not checked; a branch that holds only
 * because such a value was passed over does not count towards "matched instead of one", so an
 * unresolved value never makes a refusal.
 */
final class SchemaWalk {

  private final JsonNode definitions;
  private final List<String> problems = new ArrayList<>();

  /** Set when a value or a part of the schema was passed over, so that a match is not certain. */
  private boolean unsure;

  SchemaWalk(JsonNode definitions) {
    this.definitions = definitions;
  }

  /**
   * What fails of a resource's properties against its type's schema line ({@code p}, and the
   * branches that apply to the whole resource); empty when they hold.
   */
  List<String> resource(JsonNode properties, JsonNode schema) {
    properties(properties, schema.path("p"), false, "#");
    branches(properties, schema, "#");
    return problems;
  }

  private void value(JsonNode value, JsonNode schema, String at) {
    JsonNode node = resolve(schema);
    if (intrinsic(value) || node.has("c")) {
      unsure = true;
      return;
    }
    if (node.isTextual()) {
      checkType(value, node.asText(), at);
      return;
    }
    if (!checkType(value, node.path("t").asText(), at)) {
      return;
    }
    if (value.isValueNode()) {
      scalar(value, node, at);
    }
    if (value.isArray() && node.has("k")) {
      bound(value.size(), node.get("k"), "item count", at);
    }
    if (value.isObject()) {
      if (node.has("p")) {
        properties(value, node.get("p"), node.has("x"), at);
      }
      for (JsonNode required : node.path("r")) {
        if (!present(value, required.asText())) {
          problems.add(at + ": required key [" + required.asText() + "] not found");
        }
      }
    }
    if (value.isArray() && node.has("i")) {
      for (int i = 0; i < value.size(); i++) {
        value(value.get(i), node.get("i"), at + "/" + i);
      }
    }
    branches(value, node, at);
  }

  private void properties(JsonNode value, JsonNode known, boolean closed, String at) {
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (noValue(field.getValue())) {
        continue;
      }
      String path = (at.equals("#") ? "#/" : at + "/") + field.getKey();
      if (known.has(field.getKey())) {
        value(field.getValue(), known.get(field.getKey()), path);
      } else if (closed) {
        problems.add(at + ": extraneous key [" + field.getKey() + "] is not permitted");
      }
    }
  }

  /** allOf, anyOf and oneOf where the schema has them, each as JSON Schema defines it. */
  private void branches(JsonNode value, JsonNode node, String at) {
    for (JsonNode branch : node.path("allOf")) {
      value(value, branch, at);
    }
    if (node.has("anyOf")) {
      Outcome outcome = outcome(value, node.get("anyOf"), at);
      if (outcome.holding() == 0) {
        problems.addAll(outcome.problems());
      }
    }
    if (node.has("oneOf")) {
      Outcome outcome = outcome(value, node.get("oneOf"), at);
      if (outcome.holding() == 0) {
        problems.addAll(outcome.problems());
      } else if (outcome.certain() > 1) {
        problems.add(at + ": " + outcome.certain() + " subschemas matched instead of one");
      }
    }
  }

  /**
   * How many branches hold for certain, how many may hold (a value was passed over in them), and
   * the problems of those that do not.
   */
  private record Outcome(int certain, int possible, List<String> problems) {
    int holding() {
      return certain + possible;
    }
  }

  private Outcome outcome(JsonNode value, JsonNode branches, String at) {
    int certain = 0;
    int possible = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode branch : branches) {
      SchemaWalk walk = new SchemaWalk(definitions);
      walk.value(value, branch, at);
      if (!walk.problems.isEmpty()) {
        failures.addAll(walk.problems);
      } else if (walk.unsure) {
        possible++;
      } else {
        certain++;
      }
      unsure |= walk.unsure;
    }
    return new Outcome(certain, possible, failures);
  }

  /** A scalar's enum, pattern, length and range, as the schema gives them. */
  private void scalar(JsonNode value, JsonNode node, String at) {
    String text = value.asText();
    if (node.has("e") && !listed(node.get("e"), text)) {
      problems.add(at + ": " + text + " is not a valid enum value");
    }
    if (node.has("m")) {
      Pattern pattern = pattern(node.get("m").asText());
      if (pattern == null) {
        unsure = true;
      } else if (!pattern.matcher(text).find()) {
        // CloudFormation names the keyword, not the pattern (cloudformation-resource-schema #85).
        problems.add(at + ": failed validation constraint for keyword [pattern]");
      }
    }
    if (node.has("l") && (value.isTextual() || node.path("t").asText().equals("s"))) {
      bound(text.codePointCount(0, text.length()), node.get("l"), "Length", at);
    }
    if (node.has("n") && NUMBER.matcher(text).matches()) {
      BigDecimal number = new BigDecimal(text);
      JsonNode minimum = node.get("n").get(0);
      JsonNode maximum = node.get("n").get(1);
      if (minimum.isNumber() && number.compareTo(minimum.decimalValue()) < 0) {
        problems.add(at + ": " + text + " is not greater or equal to " + minimum.asText());
      }
      if (maximum.isNumber() && number.compareTo(maximum.decimalValue()) > 0) {
        problems.add(at + ": " + text + " is not less or equal to " + maximum.asText());
      }
    }
  }

  /**
   * A length or an item count within {@code [min, max]} (either null when unbounded), in the schema
   * validator's words: "expected maxLength: 64, actual: 70", "expected minimum item count: 1,
   * found: 0".
   */
  private void bound(int size, JsonNode limits, String what, String at) {
    JsonNode min = limits.get(0);
    JsonNode max = limits.get(1);
    boolean items = what.equals("item count");
    if (min.isNumber() && size < min.asInt()) {
      problems.add(
          at
              + (items
                  ? ": expected minimum item count: " + min.asInt() + ", found: " + size
                  : ": expected minLength: " + min.asInt() + ", actual: " + size));
    }
    if (max.isNumber() && size > max.asInt()) {
      problems.add(
          at
              + (items
                  ? ": expected maximum item count: " + max.asInt() + ", found: " + size
                  : ": expected maxLength: " + max.asInt() + ", actual: " + size));
    }
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode node = schema;
    for (int hops = 0; node.isObject() && node.has("$") && hops < 64; hops++) {
      node = definitions.path(node.get("$").asText());
    }
    return node;
  }

  /** False (with the problem added) when the value's kind is not among the schema's types. */
  private boolean checkType(JsonNode value, String types, String at) {
    if (types.isEmpty()) {
      return true;
    }
    boolean fits =
        value.isObject()
            ? types.indexOf('o') >= 0
            : value.isArray() ? types.indexOf('a') >= 0 : types.replaceAll("[oa]", "").length() > 0;
    if (!fits) {
      List<String> expected = new ArrayList<>();
      for (char type : types.toCharArray()) {
        expected.add(TYPE_NAMES.get(type));
      }
      problems.add(
          at
              + (expected.size() == 1
                  ? ": expected type: " + expected.get(0)
                  : ": expected type is one of " + String.join(", ", expected))
              + ", found: "
              + found(value));
    }
    return fits;
  }

  /** The schema validator's names of JSON Schema's types. */
  private static final Map<Character, String> TYPE_NAMES =
      Map.of(
          'o', "JSONObject",
          'a', "JSONArray",
          's', "String",
          'n', "Number",
          'i', "Integer",
          'b', "Boolean");

  private static String found(JsonNode value) {
    if (value.isObject()) {
      return "JSONObject";
    }
    if (value.isArray()) {
      return "JSONArray";
    }
    if (value.isTextual()) {
      return "String";
    }
    if (value.isBoolean()) {
      return "Boolean";
    }
    return value.isIntegralNumber() ? "Integer" : "Number";
  }

  /** A value an intrinsic function gives: {@code {"Ref": ...}} or {@code {"Fn::...": ...}}. */
  private static boolean intrinsic(JsonNode value) {
    if (!value.isObject() || value.size() != 1) {
      return false;
    }
    String name = value.fieldNames().next();
    return name.equals("Ref") || name.startsWith("Fn::");
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /** Each schema pattern compiled once; one Java cannot compile is not checked (empty). */
  private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

  private static Pattern pattern(String regex) {
    return PATTERNS
        .computeIfAbsent(
            regex,
            key -> {
              try {
                return Optional.of(Pattern.compile(key));
              } catch (PatternSyntaxException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  private static boolean listed(JsonNode values, String value) {
    for (JsonNode listed : values) {
      if (listed.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean noValue(JsonNode value) {
    return value.isObject()
        && value.size() == 1
        && "AWS::NoValue".equals(value.path("Ref").asText());
  }

  private static boolean present(JsonNode object, String key) {
    return object.has(key) && !noValue(object.get(key));
  }
}
