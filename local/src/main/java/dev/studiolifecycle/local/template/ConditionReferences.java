package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Conditions are evaluated before any resource exists, so a condition may read parameters, pseudo
 * parameters and mappings but no resource (CloudFormation User Guide, "CloudFormation template
 * Conditions syntax"); CloudFormation refuses such a template with "Template format error:
 * Unresolved dependencies [...]. Cannot reference resources in the Conditions block of the
 * template".
 */
final class ConditionReferences {

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
      ResourceDependencies.directNames(function.getKey(), function.getValue()).stream()
          .map(ResourceDependencies::base)
          .filter(resources::has)
          .forEach(named::add);
    }
    node.forEach(child -> collect(child, resources, named));
  }
}
