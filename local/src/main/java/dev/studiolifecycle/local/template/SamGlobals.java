package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** A SAM template's Globals section, merged into its functions and state machines. */
final class SamGlobals {

  private SamGlobals() {}

  /**
   * Resources with Globals merged in the way SAM does: a resource's own value wins, maps merge key
   * by key, lists are added to the global list.
   */
  static ObjectNode apply(JsonNode resources, JsonNode globals) {
    ObjectNode merged = resources.deepCopy();
    if (globals == null) {
      return merged;
    }
    Map<String, String> sections =
        Map.of(
            "AWS::Serverless::Function",
            "Function",
            "AWS::Serverless::StateMachine",
            "StateMachine");
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
      JsonNode resource = it.next().getValue();
      String section = sections.get(resource.path("Type").asText());
      JsonNode global = section == null ? null : globals.get(section);
      if (global == null || !global.isObject() || !resource.isObject()) {
        continue;
      }
      ObjectNode properties =
          resource.has("Properties") && resource.get("Properties").isObject()
              ? (ObjectNode) resource.get("Properties")
              : ((ObjectNode) resource).putObject("Properties");
      ((ObjectNode) resource).set("Properties", merge(global, properties));
    }
    return merged;
  }

  private static JsonNode merge(JsonNode global, JsonNode local) {
    if (global.isObject() && local.isObject() && !isIntrinsic(global) && !isIntrinsic(local)) {
      ObjectNode out = global.deepCopy();
      local
          .fields()
          .forEachRemaining(
              e ->
                  out.set(
                      e.getKey(),
                      out.has(e.getKey())
                          ? merge(out.get(e.getKey()), e.getValue())
                          : e.getValue().deepCopy()));
      return out;
    }
    if (global.isArray() && local.isArray()) {
      ArrayNode out = global.deepCopy();
      out.addAll((ArrayNode) local.deepCopy());
      return out;
    }
    return local.deepCopy();
  }

  private static boolean isIntrinsic(JsonNode node) {
    if (node.size() != 1) {
      return false;
    }
    String key = node.fieldNames().next();
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }
}
