package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template's Parameters and the values a deployment gives them, as CloudFormation takes them
 * (CloudFormation User Guide, "CloudFormation template Parameters syntax"; quotas: 200 parameters a
 * template): at most 200, each with a logical id of letters and digits and a {@code Type}
 * ("Template format error: Every Parameters object must contain a Type member."), a value given or
 * defaulted, held to its constraints ({@link ParameterConstraints}). The local runtime serves the
 * types {@code String}, {@code Number}, {@code List<Number>} and {@code CommaDelimitedList}; the
 * AWS-specific types and the Systems Manager types, whose values CloudFormation looks up or checks
 * in the account, are refused, as is a type CloudFormation does not know.
 */
final class TemplateParameters {

  static final int MAX_PARAMETERS = 200;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> SERVED =
      Set.of("String", "Number", "List<Number>", "CommaDelimitedList");

  private TemplateParameters() {}

  /**
   * @param given values for some Parameters, overriding their defaults; a name the template does
   *     not declare is refused
   */
  static Map<String, JsonNode> values(JsonNode declared, Map<String, String> given) {
    Map<String, JsonNode> values = new HashMap<>();
    Map<String, String> unused = new LinkedHashMap<>(given);
    if (declared != null && declared.size() > MAX_PARAMETERS) {
      throw new TemplateException(
          "Parameters: "
              + declared.size()
              + " parameters; a template declares at most "
              + MAX_PARAMETERS);
    }
    if (declared != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        JsonNode declaration = entry.getValue();
        String type = type(name, declaration);
        String value = unused.remove(name);
        if (value == null && declaration.has("Default")) {
          value = declaration.get("Default").asText();
        }
        if (value == null) {
          throw new TemplateException(
              "Parameters." + name + ": has no Default and no value was " + "given");
        }
        ParameterConstraints.check(name, declaration, type, value);
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
          ArrayNode list = JSON.arrayNode();
          for (String part : value.split(",", -1)) {
            list.add(part.trim());
          }
          values.put(name, list);
        } else {
          values.put(name, JSON.textNode(value));
        }
      }
    }
    if (!unused.isEmpty()) {
      throw new TemplateException(
          "The template has no parameter"
              + (unused.size() == 1 ? " " : "s ")
              + String.join(", ", unused.keySet()));
    }
    return values;
  }

  private static String type(String name, JsonNode declaration) {
    String where = "Parameters." + name;
    TemplateSections.checkLogicalId(name, where, "parameter");
    JsonNode type = declaration.get("Type");
    if (type == null) {
      throw new TemplateException(
          where
              + ": CloudFormation refuses the template: Template format error: Every Parameters"
              + " object must contain a Type member.");
    }
    String text = type.asText();
    if (SERVED.contains(text)) {
      return text;
    }
    if (text.startsWith("AWS::") || text.startsWith("List<AWS::")) {
      throw new TemplateException(
          where
              + ".Type: "
              + text
              + " is looked up or checked in the account by CloudFormation, which the local"
              + " runtime does not do; give the value as a String");
    }
    throw new TemplateException(
        where
            + ".Type: CloudFormation refuses the template: Template format error: Unrecognized"
            + " parameter type: "
            + text);
  }
}
