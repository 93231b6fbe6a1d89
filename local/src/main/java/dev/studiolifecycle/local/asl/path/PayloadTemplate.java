package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Payload Template (Parameters, ItemSelector, ResultSelector): a JSON value copied as it is,
 * except that a field whose name ends in {@code .$} has its value, a path or an intrinsic function
 * call, evaluated and stored under the name without {@code .$}, at any depth.
 */
public final class PayloadTemplate {

  private static final String DYNAMIC_SUFFIX = ".$";

  private final IntrinsicFunctions functions;

  /** Evaluates intrinsic functions with {@code functions} (whose random source tests can fix). */
  public PayloadTemplate(IntrinsicFunctions functions) {
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  /**
   * The template with every {@code .$} field evaluated against {@code ctx}.
   *
   * @throws StatesError {@code States.Runtime} when a path selects nothing (what Step Functions
   *     reports, although the specification names States.ParameterPathFailure; like every
   *     States.Runtime it cannot be caught), {@code States.IntrinsicFailure} when an intrinsic
   *     function fails
   */
  public JsonNode evaluate(JsonNode template, PathContext ctx) {
    if (template == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (template.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        if (name.endsWith(DYNAMIC_SUFFIX) && field.getValue().isTextual()) {
          String key = name.substring(0, name.length() - DYNAMIC_SUFFIX.length());
          out.set(key, evaluateExpression(name, field.getValue().asText(), ctx));
        } else {
          out.set(name, evaluate(field.getValue(), ctx));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : template) {
        out.add(evaluate(element, ctx));
      }
      return out;
    }
    return template.deepCopy();
  }

  private JsonNode evaluateExpression(String fieldName, String expression, PathContext ctx) {
    if (IntrinsicFunctions.isIntrinsic(expression)) {
      return functions.evaluate(expression, ctx);
    }
    try {
      return JsonPathReader.read(expression, ctx);
    } catch (PathNotFoundException e) {
      throw new StatesError(StatesError.RUNTIME, e.describeFor(fieldName), e);
    } catch (IllegalArgumentException e) {
      // Only reachable for a definition that skipped validate(); still a failure of this field.
      throw new StatesError(
          StatesError.RUNTIME,
          "The value '"
              + expression
              + "' of the field '"
              + fieldName
              + "' is neither a JSONPath nor an intrinsic "
              + "function: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Checks a template written in a definition: every {@code .$} field holds a string that is a
   * valid path ({@code $...} or {@code $$...}) or intrinsic function call ({@code States.*}), and
   * no two fields of one object have the same name once {@code .$} is removed.
   *
   * @param fieldName the state field holding the template, e.g. {@code Parameters}
   * @throws DefinitionException naming the state and the field's location in the template
   */
  public static void validate(JsonNode template, String stateName, String fieldName) {
    validate(template, stateName, fieldName, fieldName);
  }

  private static void validate(JsonNode node, String stateName, String topField, String where) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Set<String> effectiveNames = new HashSet<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        String location = where + "." + name;
        boolean dynamic = name.endsWith(DYNAMIC_SUFFIX);
        String effective =
            dynamic ? name.substring(0, name.length() - DYNAMIC_SUFFIX.length()) : name;
        if (!effectiveNames.add(effective)) {
          throw DefinitionException.inField(
              stateName,
              location,
              "the field '"
                  + effective
                  + "' is given twice (once with and once without "
                  + "the '.$' suffix)");
        }
        if (dynamic) {
          validateExpression(field.getValue(), stateName, location);
        } else {
          validate(field.getValue(), stateName, topField, location);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        validate(node.get(i), stateName, topField, where + "[" + i + "]");
      }
    }
  }

  private static void validateExpression(JsonNode value, String stateName, String location) {
    if (!value.isTextual()) {
      throw DefinitionException.inField(
          stateName,
          location,
          "a field whose name ends in '.$' must hold a string (a JSONPath or an intrinsic "
              + "function), not "
              + value.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String expression = value.asText();
    if (IntrinsicFunctions.isIntrinsic(expression)) {
      IntrinsicFunctions.parse(expression, stateName, location);
    } else if (expression.startsWith("$")) {
      JsonPathReader.validate(expression, stateName, location);
    } else {
      throw DefinitionException.inField(
          stateName,
          location,
          "'"
              + expression
              + "' is neither a JSONPath (starting with '$' or '$$') nor an intrinsic "
              + "function (starting with 'States.')");
    }
  }
}
