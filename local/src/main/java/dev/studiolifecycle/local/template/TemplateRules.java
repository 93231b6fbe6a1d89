package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A template's Rules, evaluated on the parameter values before anything is created, as
 * CloudFormation evaluates them (CloudFormation User Guide, "CloudFormation template Rules syntax";
 * Template Reference, "Rule functions"): a rule whose {@code RuleCondition} holds (or that has
 * none) must have every {@code Assert} of its {@code Assertions} true, or the deployment fails with
 * the assertion's {@code AssertDescription}. The functions are {@code Fn::And}, {@code Fn::Or},
 * {@code Fn::Not}, {@code Fn::Equals}, {@code Fn::Contains}, {@code Fn::EachMemberEquals} and
 * {@code Fn::EachMemberIn} over parameter {@code Ref}s and literals; {@code Fn::RefAll}, {@code
 * Fn::ValueOf} and {@code Fn::ValueOfAll} read AWS-specific parameter types, which the local
 * runtime does not serve, and are refused, as is any other function.
 */
final class TemplateRules {

  private final Map<String, JsonNode> parameters;

  private TemplateRules(Map<String, JsonNode> parameters) {
    this.parameters = parameters;
  }

  static void check(JsonNode rules, Map<String, JsonNode> parameters) {
    if (rules == null) {
      return;
    }
    TemplateRules evaluator = new TemplateRules(parameters);
    for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> rule = it.next();
      String where = "Rules." + rule.getKey();
      JsonNode condition = rule.getValue().get("RuleCondition");
      if (condition != null && !evaluator.holds(condition, where + ".RuleCondition")) {
        continue;
      }
      JsonNode assertions = rule.getValue().get("Assertions");
      if (assertions == null || !assertions.isArray() || assertions.isEmpty()) {
        throw new TemplateException(where + ".Assertions: a rule needs a list of assertions");
      }
      for (int i = 0; i < assertions.size(); i++) {
        String at = where + ".Assertions[" + i + "]";
        JsonNode assertion = assertions.get(i);
        if (!assertion.has("Assert")) {
          throw new TemplateException(at + ".Assert: is required");
        }
        if (!evaluator.holds(assertion.get("Assert"), at + ".Assert")) {
          throw new TemplateException(
              at
                  + ": CloudFormation refuses the parameters: "
                  + assertion.path("AssertDescription").asText("the assertion does not hold"));
        }
      }
    }
  }

  private boolean holds(JsonNode node, String where) {
    if (node.isBoolean() || node.isTextual() && isBoolean(node.asText())) {
      return Boolean.parseBoolean(node.asText());
    }
    if (!node.isObject() || node.size() != 1) {
      throw new TemplateException(where + ": a rule function or true/false, got " + node);
    }
    Map.Entry<String, JsonNode> function = node.fields().next();
    JsonNode arguments = function.getValue();
    String at = where + "." + function.getKey();
    return switch (function.getKey()) {
      case "Fn::And" -> all(arguments, at, true);
      case "Fn::Or" -> !all(arguments, at, false);
      case "Fn::Not" -> !holds(arguments(arguments, 1, at).get(0), at + "[0]");
      case "Fn::Equals" -> {
        List<JsonNode> pair = arguments(arguments, 2, at);
        yield value(pair.get(0), at + "[0]").equals(value(pair.get(1), at + "[1]"));
      }
      case "Fn::Contains" -> {
        List<JsonNode> pair = arguments(arguments, 2, at);
        yield strings(pair.get(0), at + "[0]").contains(string(pair.get(1), at + "[1]"));
      }
      case "Fn::EachMemberEquals" -> {
        List<JsonNode> pair = arguments(arguments, 2, at);
        String expected = string(pair.get(1), at + "[1]");
        yield strings(pair.get(0), at + "[0]").stream().allMatch(expected::equals);
      }
      case "Fn::EachMemberIn" -> {
        List<JsonNode> pair = arguments(arguments, 2, at);
        List<String> allowed = strings(pair.get(1), at + "[1]");
        yield allowed.containsAll(strings(pair.get(0), at + "[0]"));
      }
      case "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll" ->
          throw new TemplateException(
              at + ": reads AWS-specific parameter types, which the local runtime does not serve");
      default ->
          throw new TemplateException(
              at
                  + ": not a rule function (Fn::And, Fn::Contains, Fn::EachMemberEquals,"
                  + " Fn::EachMemberIn, Fn::Equals, Fn::Not, Fn::Or, Fn::RefAll, Fn::ValueOf,"
                  + " Fn::ValueOfAll)");
    };
  }

  /** Fn::And (all true) or Fn::Or (not all false) of 2 to 10 conditions. */
  private boolean all(JsonNode arguments, String where, boolean value) {
    if (!arguments.isArray() || arguments.size() < 2 || arguments.size() > 10) {
      throw new TemplateException(where + ": takes 2 to 10 conditions");
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (holds(arguments.get(i), where + "[" + i + "]") != value) {
        return false;
      }
    }
    return true;
  }

  private static List<JsonNode> arguments(JsonNode arguments, int count, String where) {
    if (!arguments.isArray() || arguments.size() != count) {
      throw new TemplateException(where + ": takes " + count + " arguments");
    }
    List<JsonNode> list = new ArrayList<>();
    arguments.forEach(list::add);
    return list;
  }

  /** A literal, a parameter's value, or a rule function's truth, as text or a list of text. */
  private Object value(JsonNode node, String where) {
    if (node.isArray() || node.has("Ref") && resolved(node, where).isArray()) {
      return strings(node, where);
    }
    if (node.isObject() && !node.has("Ref")) {
      return String.valueOf(holds(node, where));
    }
    return string(node, where);
  }

  private String string(JsonNode node, String where) {
    JsonNode value = node.has("Ref") ? resolved(node, where) : node;
    if (!value.isValueNode()) {
      throw new TemplateException(where + ": a string, got " + value);
    }
    return value.asText();
  }

  private List<String> strings(JsonNode node, String where) {
    JsonNode value = node.has("Ref") ? resolved(node, where) : node;
    if (!value.isArray()) {
      throw new TemplateException(where + ": a list of strings, got " + value);
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      strings.add(string(value.get(i), where + "[" + i + "]"));
    }
    return strings;
  }

  /** Rules read the template's parameters only (and its pseudo parameters are not served). */
  private JsonNode resolved(JsonNode ref, String where) {
    String name = ref.get("Ref").asText();
    JsonNode value = parameters.get(name);
    if (value == null) {
      throw new TemplateException(
          where + ".Ref: '" + name + "' is not a parameter of the template");
    }
    return value;
  }

  private static boolean isBoolean(String text) {
    return text.equals("true") || text.equals("false");
  }
}
