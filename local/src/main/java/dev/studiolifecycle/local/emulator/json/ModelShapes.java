package dev.studiolifecycle.local.emulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.OperationHandler;
import dev.studiolifecycle.local.emulator.ServiceReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An AWS JSON service's API model, as far as the emulator's operations go: their input and output
 * shapes and everything they contain, read from the service's {@code model-shapes.json}, which
 * {@code local/src/test/model/extract-model-shapes.py} writes from the model (botocore's copy).
 * Every request is checked before its operation runs ({@link #checked}), as the service's front end
 * checks it: each member's type, its enum, its length or range, its pattern, the members a
 * structure requires, that a union sets one member, and that no member is unknown. A value of the
 * wrong JSON type or an unknown member is a SerializationException, as the JSON protocol answers
 * it; every other rule is a violation in the request's ValidationException ("1 validation error
 * detected: Value 'x' at 'name' failed to satisfy constraint: Member must have length less than or
 * equal to 80", the words AWS's JSON services answer with). Every answer is checked against the
 * output shape the same way ({@link #checkAnswer}): one the model does not allow is a bug.
 */
public final class ModelShapes {

  /** A service's rules between the members of one structure, which the model cannot hold. */
  @FunctionalInterface
  public interface MemberRules {
    MemberRules NONE = (shapeName, value, path, violations) -> {};

    void check(String shapeName, JsonNode value, String path, ConstraintViolations violations);
  }

  /** One shape of the model. */
  private record Shape(
      String name,
      String type,
      List<String> required,
      boolean union,
      Long min,
      Long max,
      Pattern pattern,
      Set<String> enumValues,
      Map<String, String> members,
      String member,
      String key,
      String value,
      boolean sensitive,
      boolean document) {}

  private final String resource;
  private final Map<String, String> inputs;
  private final Map<String, String> outputs;
  private final Map<String, Shape> shapes;
  private final MemberRules rules;

  private ModelShapes(
      String resource,
      Map<String, String> inputs,
      Map<String, String> outputs,
      Map<String, Shape> shapes,
      MemberRules rules) {
    this.resource = resource;
    this.inputs = Map.copyOf(inputs);
    this.outputs = Map.copyOf(outputs);
    this.shapes = Collections.unmodifiableMap(shapes);
    this.rules = rules;
  }

  /**
   * The shapes in {@code resource} beside {@code anchor}'s class file, with the service's rules
   * between members.
   */
  public static ModelShapes load(Class<?> anchor, String resource, MemberRules rules) {
    JsonNode root = LocalJson.resource(anchor, resource);
    Map<String, String> inputs = new LinkedHashMap<>();
    root.path("operations")
        .fields()
        .forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
    Map<String, String> outputs = new LinkedHashMap<>();
    root.path("outputs")
        .fields()
        .forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    root.path("shapes")
        .fields()
        .forEachRemaining(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue())));
    return new ModelShapes(resource, inputs, outputs, shapes, rules);
  }

  /**
   * {@code handler}, run only when the request holds to the input shape of {@code operation};
   * otherwise the request is refused with every violation, as the service's front end refuses it.
   */
  private OperationHandler checked(String operation, OperationHandler handler) {
    requireOperation(operation);
    return request -> {
      checkRequest(operation, request.input());
      return checkAnswer(operation, handler.handle(request));
    };
  }

  /**
   * The reply, when its body holds to the output shape of {@code operation}: an answer AWS could
   * give. One the model does not allow (a member it lacks, a required one missing, a value outside
   * its enum or pattern) is the emulator's bug, never sent to the caller.
   *
   * @throws IllegalStateException naming what breaks the model
   */
  public ServiceReply checkAnswer(String operation, ServiceReply reply) {
    String output = outputs.get(operation);
    if (output == null || !(reply instanceof ServiceReply.Json json)) {
      return reply;
    }
    ConstraintViolations violations = new ConstraintViolations();
    try {
      check(output, json.body(), "", violations);
      violations.throwIfAny(JsonInput::validation);
    } catch (AwsServiceError e) {
      throw new IllegalStateException(
          "the emulator's " + operation + " answer breaks " + resource + ": " + e.getMessage(), e);
    }
    return reply;
  }

  /** Each operation, run only on a request that holds to its input shape. */
  public List<Operation> checked(List<Operation> operations) {
    return operations.stream()
        .map(o -> new Operation(o.name(), o.mutating(), checked(o.name(), o.handler())))
        .toList();
  }

  /**
   * Refuses {@code input} unless it holds to the input shape of {@code operation}.
   *
   * @throws dev.studiolifecycle.local.emulator.AwsServiceError ValidationException naming every
   *     violation, or SerializationException for a value of the wrong JSON type or an unknown
   *     member
   */
  public void checkRequest(String operation, JsonNode input) {
    ConstraintViolations violations = new ConstraintViolations();
    check(inputShape(operation), input, "", violations);
    violations.throwIfAny(JsonInput::validation);
  }

  /**
   * Fails unless the model file holds the input shape of {@code operation}: a service that serves
   * an operation the extraction script was not told of fails when it is built, not when called.
   */
  public void requireOperation(String operation) {
    inputShape(operation);
  }

  private String inputShape(String operation) {
    String input = inputs.get(operation);
    if (input == null) {
      throw new IllegalStateException(resource + " has no input shape for " + operation);
    }
    return input;
  }

  /**
   * Checks {@code value}, found at {@code path} (e.g. {@code userSettings}), against the shape
   * {@code shapeName}, recording what breaks a rule in {@code violations}.
   *
   * @throws dev.studiolifecycle.local.emulator.AwsServiceError SerializationException when a value
   *     has the wrong JSON type
   */
  public void check(
      String shapeName, JsonNode value, String path, ConstraintViolations violations) {
    Shape shape = shape(shapeName);
    if (value == null || value.isNull()) {
      return;
    }
    if (shape.document()) {
      return; // a document is any JSON value (Identity Store's AttributeValue)
    }
    switch (shape.type()) {
      case "structure" -> structure(shape, value, path, violations);
      case "list" -> list(shape, value, path, violations);
      case "map" -> map(shape, value, path, violations);
      case "string" -> string(shape, value, path, violations);
      case "integer", "long" -> number(shape, value, path, violations);
      case "float", "double" -> {
        if (!value.isNumber()) {
          throw wrongType(path, "a number", value);
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw wrongType(path, "a boolean", value);
        }
      }
      // The JSON protocols send a timestamp as epoch seconds, a blob as base64 text.
      case "timestamp" -> {
        if (!value.isNumber() && !value.isTextual()) {
          throw wrongType(path, "a timestamp", value);
        }
      }
      case "blob" -> {
        if (!value.isTextual()) {
          throw wrongType(path, "base64 text", value);
        }
      }
      default ->
          throw new IllegalStateException(
              resource
                  + ": shape "
                  + shape.name()
                  + " has type "
                  + shape.type()
                  + ", which the emulator cannot check");
    }
  }

  /** How many (member, rule) checks the shape stands for, over every path below it. */
  public int countChecks(String shapeName) {
    return countChecks(shape(shapeName), 0);
  }

  private int countChecks(Shape shape, int depth) {
    if (depth > 20) {
      return 0;
    }
    int checks = 1; // the type
    if (shape.enumValues() != null) {
      checks++;
    }
    if (shape.min() != null) {
      checks++;
    }
    if (shape.max() != null) {
      checks++;
    }
    if (shape.pattern() != null) {
      checks++;
    }
    checks += shape.required().size();
    if (shape.union()) {
      checks++;
    }
    for (String memberShape : shape.members().values()) {
      checks += countChecks(shape(memberShape), depth + 1);
    }
    for (String child : new String[] {shape.member(), shape.key(), shape.value()}) {
      if (child != null) {
        checks += countChecks(shape(child), depth + 1);
      }
    }
    return checks;
  }

  private void structure(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isObject()) {
      throw wrongType(path, "a structure", value);
    }
    for (String required : shape.required()) {
      if (!value.has(required) || value.get(required).isNull()) {
        v.missing(at(path, required));
      }
    }
    int set = 0;
    var fields = value.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      String memberShape = shape.members().get(field.getKey());
      if (memberShape == null) {
        // SerializationException is what the JSON protocol answers for an unknown member.
        throw JsonInput.serialization(
            "Unrecognized field \""
                + field.getKey()
                + "\" at '"
                + path
                + "' ("
                + shape.name()
                + " has no such member)");
      }
      if (!field.getValue().isNull()) {
        set++;
      }
      check(memberShape, field.getValue(), at(path, field.getKey()), v);
    }
    if (shape.union() && set != 1) {
      v.add(
          "Value at '"
              + path
              + "' failed to satisfy constraint: Member must have exactly one "
              + "member set");
    }
    rules.check(shape.name(), value, path, v);
  }

  private void list(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isArray()) {
      throw wrongType(path, "a list", value);
    }
    size(shape, value, path, v);
    for (int i = 0; i < value.size(); i++) {
      check(shape.member(), value.get(i), path + "." + (i + 1) + ".member", v);
    }
  }

  /** A list's or map's number of entries within the shape's min and max. */
  private static void size(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (shape.min() != null && value.size() < shape.min()) {
      v.add(value, path, "Member must have length greater than or equal to " + shape.min());
    } else if (shape.max() != null && value.size() > shape.max()) {
      v.add(value, path, "Member must have length less than or equal to " + shape.max());
    }
  }

  private void map(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isObject()) {
      throw wrongType(path, "a map", value);
    }
    size(shape, value, path, v);
    var entries = value.fields();
    while (entries.hasNext()) {
      var entry = entries.next();
      check(shape.key(), TextNode.valueOf(entry.getKey()), path + "." + entry.getKey() + ".key", v);
      check(shape.value(), entry.getValue(), path + "." + entry.getKey() + ".value", v);
    }
  }

  private void string(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isTextual()) {
      throw wrongType(path, "a string", value);
    }
    String text = value.textValue();
    if (shape.enumValues() != null) {
      v.checkEnum(text, path, shape.enumValues());
      return;
    }
    v.checkString(
        text,
        path,
        shape.pattern(),
        shape.min() == null ? 0 : shape.min().intValue(),
        shape.max() == null ? Integer.MAX_VALUE : shape.max().intValue(),
        shape.sensitive());
  }

  private void number(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isIntegralNumber()) {
      throw wrongType(path, "an integer", value);
    }
    v.checkRange(
        value.asLong(),
        path,
        shape.min() == null ? Long.MIN_VALUE : shape.min(),
        shape.max() == null ? Long.MAX_VALUE : shape.max());
  }

  /** A member's path as SageMaker names it: the lower-camel member names, joined by dots. */
  private static String at(String path, String member) {
    String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
    return path.isEmpty() ? name : path + "." + name;
  }

  private static RuntimeException wrongType(String path, String expected, JsonNode value) {
    return JsonInput.serialization(
        "Expected " + expected + " at '" + path + "' but got " + value.getNodeType());
  }

  private Shape shape(String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalStateException(resource + " has no shape " + name);
    }
    return shape;
  }

  private static Shape shape(String name, JsonNode s) {
    List<String> required = new ArrayList<>();
    s.path("required").forEach(r -> required.add(r.asText()));
    Set<String> enumValues = null;
    if (s.has("enum")) {
      enumValues = new LinkedHashSet<>();
      for (JsonNode e : s.get("enum")) {
        enumValues.add(e.asText());
      }
    }
    Map<String, String> members = new LinkedHashMap<>();
    s.path("members")
        .fields()
        .forEachRemaining(m -> members.put(m.getKey(), m.getValue().asText()));
    return new Shape(
        name,
        s.path("type").asText(),
        List.copyOf(required),
        s.path("union").asBoolean(false),
        s.has("min") ? s.get("min").asLong() : null,
        s.has("max") ? s.get("max").asLong() : null,
        s.has("pattern") ? Pattern.compile(s.get("pattern").asText()) : null,
        // In the model's order, for the message; a set, for enums of hundreds (instance types).
        enumValues == null ? null : Collections.unmodifiableSet(enumValues),
        members,
        s.has("member") ? s.get("member").asText() : null,
        s.has("key") ? s.get("key").asText() : null,
        s.has("value") ? s.get("value").asText() : null,
        s.path("sensitive").asBoolean(false),
        s.path("document").asBoolean(false));
  }
}
