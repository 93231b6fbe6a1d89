package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditions are evaluated before any resource exists, so a condition may read parameters, pseudo
 * parameters and mappings but no resource (CloudFormation User Guide, "CloudFormation template
 * Conditions syntax"); CloudFormation refuses such a template with "Template format error:
 * Unresolved dependencies [...]. Cannot reference resources in the Conditions block of the
 * template".
 */
final class ConditionReferences {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private ConditionReferences() {}

  static void check(JsonNode definition, JsonNode resources, String where) {
    Set<String> named = new LinkedHashSet<>();
    collect(definition, resources, named);
    if (!named.isEmpty()) {
      throw new TemplateException(
          where
              + ": CloudFormation refuses the template: Template format error: Unresolved"
              + " dependencies "
              + named
              + ". Cannot reference resources in the Conditions block of the template");
    }
  }

  private static void collect(JsonNode node, JsonNode resources, Set<String> named) {
    if (node.isObject() && node.size() == 1) {
      Map.Entry<String, JsonNode> function = node.fields().next();
      JsonNode argument = function.getValue();
      switch (function.getKey()) {
        case "Ref" -> resource(argument.asText(), resources, named);
        case "Fn::GetAtt" ->
            resource(
                argument.isArray() ? argument.path(0).asText() : argument.asText(),
                resources,
                named);
        case "Fn::Sub" -> {
          Matcher matcher =
              SUB_VARIABLE.matcher(
                  argument.isArray() ? argument.path(0).asText() : argument.asText());
          while (matcher.find()) {
            resource(matcher.group(1).strip(), resources, named);
          }
        }
        default -> {
          // Other functions: their arguments may name resources.
        }
      }
    }
    node.forEach(child -> collect(child, resources, named));
  }

  private static void resource(String name, JsonNode resources, Set<String> named) {
    int dot = name.indexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    if (resources.has(base)) {
      named.add(base);
    }
  }
}
