package dev.studiolifecycle.local.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.JsonText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * JSONata in the fields of a JSONata state (developer guide, "Transforming data with JSONata in
 * Step Functions"): a string that starts with {@code {%} and ends with {@code %}} is an expression,
 * at any depth of an object or array; any other string is itself. An expression reads {@code
 * $states} ({@code input}, {@code context}, and {@code result} or {@code errorOutput} where the
 * field has one) and the workflow variables, and must give a value: JSON has no undefined.
 *
 * <p>The expressions run on a JSONata implementation for the JVM with Step Functions' own functions
 * ({@link StepFunctionsFunctions}) bound, {@code $now()} and {@code $millis()} read from the
 * interpreter's clock, and {@code $eval} unavailable, as on Step Functions.
 */
public final class JsonataTemplates {

  /** The error of an expression that fails or gives no value. */
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

  private static final String OPEN = "{%";
  private static final String CLOSE = "%}";

  /** A bound on one evaluation, so that a runaway expression fails instead of hanging a run. */
  private static final long EVALUATION_TIMEOUT_MILLIS = 10_000;

  private static final int MAX_DEPTH = 500;

  private final Supplier<Instant> now;
  private final StepFunctionsFunctions functions;

  /**
   * @param now the interpreter's clock, which {@code $now()} and {@code $millis()} read
   * @param functions Step Functions' functions ($partition, $range, $hash, $random, $uuid, $parse)
   */
  public JsonataTemplates(Supplier<Instant> now, StepFunctionsFunctions functions) {
    this.now = Objects.requireNonNull(now, "now");
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  /** The expression a JSON string holds, without its delimiters; empty for any other value. */
  public static Optional<String> expression(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    String text = value.asText();
    if (text.length() >= OPEN.length() + CLOSE.length()
        && text.startsWith(OPEN)
        && text.endsWith(CLOSE)) {
      return Optional.of(text.substring(OPEN.length(), text.length() - CLOSE.length()));
    }
    return Optional.empty();
  }

  /**
   * Checks every expression of a field written in a definition.
   *
   * @param field the field, e.g. {@code Output}; locations inside it are named {@code
   *     Output.user.name}, {@code Output.list[0]}
   * @throws DefinitionException naming the state and the location of the first expression that is
   *     not JSONata
   */
  public static void validate(JsonNode template, String stateName, String field) {
    Optional<String> expression = expression(template);
    if (expression.isPresent()) {
      String text = expression.get();
      if (text.isBlank()) {
        throw DefinitionException.inField(stateName, field, "the JSONata expression is empty");
      }
      try {
        Jsonata.jsonata(text);
      } catch (JException | IllegalArgumentException e) {
        throw DefinitionException.inField(
            stateName,
            field,
            "'" + text.strip() + "' is not a valid JSONata expression: " + e.getMessage());
      }
    } else if (template != null && template.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        validate(entry.getValue(), stateName, field + "." + entry.getKey());
      }
    } else if (template != null && template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        validate(template.get(i), stateName, field + "[" + i + "]");
      }
    }
  }

  /**
   * The template with every expression replaced by its value.
   *
   * @throws StatesError {@code States.QueryEvaluationError} when an expression fails or gives no
   *     value, naming the field
   */
  public JsonNode evaluate(JsonNode template, JsonataBindings bindings, String field) {
    Optional<String> expression = expression(template);
    if (expression.isPresent()) {
      return evaluateExpression(expression.get(), bindings, field);
    }
    if (template.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        out.set(entry.getKey(), evaluate(entry.getValue(), bindings, field + "." + entry.getKey()));
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < template.size(); i++) {
        out.add(evaluate(template.get(i), bindings, field + "[" + i + "]"));
      }
      return out;
    }
    return template.deepCopy();
  }

  private JsonNode evaluateExpression(String text, JsonataBindings bindings, String field) {
    Object result;
    try {
      Jsonata expression = Jsonata.jsonata(text);
      expression.setOutputConvertNulls(false);
      Jsonata.Frame frame = expression.createFrame();
      frame.setRuntimeBounds(EVALUATION_TIMEOUT_MILLIS, MAX_DEPTH);
      bindings.variables().forEach((name, value) -> frame.bind(name, toJava(value)));
      frame.bind("states", toJava(bindings.states()));
      functions.bindTo(frame, now);
      result = expression.evaluate(null, frame);
    } catch (JException | IllegalArgumentException | ClassCastException e) {
      throw new StatesError(
          QUERY_EVALUATION_ERROR,
          "An error occurred while evaluating the JSONata expression '"
              + text.strip()
              + "' specified for the field '"
              + field
              + "': "
              + e.getMessage(),
          e);
    }
    if (result == null) {
      throw returned(text, field, "nothing (undefined).", null);
    }
    try {
      return toJson(result);
    } catch (IllegalArgumentException e) {
      throw returned(text, field, e.getMessage(), e);
    }
  }

  private static StatesError returned(String text, String field, String what, Exception cause) {
    return new StatesError(
        QUERY_EVALUATION_ERROR,
        "The JSONata expression '"
            + text.strip()
            + "' specified for the field '"
            + field
            + "' returned "
            + what,
        cause);
  }

  /** A JSON value as the JSONata implementation takes it: JSON null is its null value. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(toJava(element)));
        return list;
      }
      case STRING -> {
        return node.asText();
      }
      case BOOLEAN -> {
        return node.asBoolean();
      }
      case NUMBER -> {
        if (node.canConvertToInt()) {
          return node.intValue();
        }
        if (node.canConvertToLong()) {
          return node.longValue();
        }
        return node.doubleValue();
      }
      default -> {
        return Jsonata.NULL_VALUE;
      }
    }
  }

  /** A value a JSONata expression gave, as JSON; undefined members of objects and arrays drop. */
  static JsonNode toJson(Object value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (value == Jsonata.NULL_VALUE) {
      return json.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = json.objectNode();
      map.forEach(
          (key, member) -> {
            if (member != null) {
              out.set(String.valueOf(key), toJson(member));
            }
          });
      return out;
    }
    if (value instanceof List<?> list) {
      ArrayNode out = json.arrayNode();
      for (Object element : list) {
        if (element != null) {
          out.add(toJson(element));
        }
      }
      return out;
    }
    if (value instanceof String text) {
      return json.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return json.booleanNode(bool);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return integral(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return json.numberNode(big);
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("a number JSON cannot hold: " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
        return integral((long) d);
      }
      return json.numberNode(new BigDecimal(Double.toString(d)));
    }
    throw new IllegalArgumentException(
        "a value JSON cannot hold (" + value.getClass().getSimpleName() + ", e.g. a function)");
  }

  /** An integer as Jackson reads one from JSON text: an int when it fits, else a long. */
  private static JsonNode integral(long value) {
    return value == (int) value
        ? JsonNodeFactory.instance.numberNode((int) value)
        : JsonNodeFactory.instance.numberNode(value);
  }

  /** Parses JSON text for $parse; JSONata's null for JSON null. */
  static Object parseJson(String text) {
    try {
      return toJava(LocalJson.STRICT.readTree(text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new JException(
          "$parse: the string is not JSON: "
              + JsonText.compact(JsonNodeFactory.instance.textNode(text)),
          0);
    }
  }
}
