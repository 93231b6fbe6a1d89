package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SageMaker API model's shapes of the settings a request sends (UserSettings, SpaceSettings,
 * DomainSettings, DomainSettingsForUpdate, DefaultSpaceSettings, ResourceSpec and everything they
 * contain), read from {@code settings-shapes.json}, which {@code
 * local/src/test/model/extract-settings-shapes.py} writes from the model. Every member is checked
 * as the model says: its type, its enum, its length or range, its pattern, the members a structure
 * requires, and that a union sets one member. A value of the wrong JSON type is a
 * SerializationException, as the JSON protocol answers it; every other rule is a violation in the
 * request's ValidationException.
 */
final class SettingsShapes {

  private static final String RESOURCE = "settings-shapes.json";
  private static final SettingsShapes MODEL = load();

  /** One shape of the model. */
  private record Shape(
      String name,
      String type,
      List<String> required,
      boolean union,
      Long min,
      Long max,
      Pattern pattern,
      List<String> enumValues,
      Map<String, String> members,
      String member) {}

  private final Map<String, Shape> shapes;

  private SettingsShapes(Map<String, Shape> shapes) {
    this.shapes = Collections.unmodifiableMap(shapes);
  }

  static SettingsShapes model() {
    return MODEL;
  }

  /**
   * Checks {@code value}, found at {@code path} (e.g. {@code userSettings}), against the shape
   * {@code shapeName}, recording what breaks a rule in {@code violations}.
   *
   * @throws dev.studiolifecycle.local.emulator.AwsServiceError SerializationException when a value
   *     has the wrong JSON type
   */
  void check(String shapeName, JsonNode value, String path, ConstraintViolations violations) {
    Shape shape = shape(shapeName);
    if (value == null || value.isNull()) {
      return;
    }
    switch (shape.type()) {
      case "structure" -> structure(shape, value, path, violations);
      case "list" -> list(shape, value, path, violations);
      case "string" -> string(shape, value, path, violations);
      case "integer", "long" -> number(shape, value, path, violations);
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw wrongType(path, "a boolean", value);
        }
      }
      default ->
          throw new IllegalStateException(
              RESOURCE
                  + ": shape "
                  + shape.name()
                  + " has type "
                  + shape.type()
                  + ", which the emulator cannot check");
    }
  }

  /** How many (member, rule) checks the shape stands for, over every path below it. */
  int countChecks(String shapeName) {
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
    if (shape.member() != null) {
      checks += countChecks(shape(shape.member()), depth + 1);
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
        throw SageMakerErrors.SERIALIZATION.because(
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
    betweenMembers(shape.name(), value, path, v);
  }

  /**
   * The rules between members that the model cannot hold. The API reference gives each member's
   * meaning (IdleSettings: the idle time, and the minimum and maximum a user may set it to;
   * DefaultEbsStorageSettings: the default size of a space's volume and its maximum) but not what
   * SageMaker answers when they disagree: the stricter reading refuses it.
   */
  private static void betweenMembers(
      String shapeName, JsonNode value, String path, ConstraintViolations v) {
    switch (shapeName) {
      case "IdleSettings" -> {
        notAbove(value, "MinIdleTimeoutInMinutes", "IdleTimeoutInMinutes", path, v);
        notAbove(value, "IdleTimeoutInMinutes", "MaxIdleTimeoutInMinutes", path, v);
        notAbove(value, "MinIdleTimeoutInMinutes", "MaxIdleTimeoutInMinutes", path, v);
      }
      case "DefaultEbsStorageSettings" ->
          notAbove(value, "DefaultEbsVolumeSizeInGb", "MaximumEbsVolumeSizeInGb", path, v);
      default -> {}
    }
  }

  private static void notAbove(
      JsonNode value, String lower, String upper, String path, ConstraintViolations v) {
    JsonNode low = value.get(lower);
    JsonNode high = value.get(upper);
    if (low != null && high != null && low.asLong() > high.asLong()) {
      v.add(
          "Value at '"
              + path
              + "' failed to satisfy constraint: "
              + lower
              + " must not be above "
              + upper);
    }
  }

  private void list(Shape shape, JsonNode value, String path, ConstraintViolations v) {
    if (!value.isArray()) {
      throw wrongType(path, "a list", value);
    }
    if (shape.min() != null && value.size() < shape.min()) {
      v.add(value, path, "Member must have length greater than or equal to " + shape.min());
    } else if (shape.max() != null && value.size() > shape.max()) {
      v.add(value, path, "Member must have length less than or equal to " + shape.max());
    }
    for (int i = 0; i < value.size(); i++) {
      check(shape.member(), value.get(i), path + "." + (i + 1) + ".member", v);
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
        shape.max() == null ? Integer.MAX_VALUE : shape.max().intValue());
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
    return SageMakerErrors.SERIALIZATION.because(
        "Expected " + expected + " at '" + path + "' but got " + value.getNodeType());
  }

  private Shape shape(String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalStateException(RESOURCE + " has no shape " + name);
    }
    return shape;
  }

  private static SettingsShapes load() {
    JsonNode root;
    try (InputStream in = SettingsShapes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      root = LocalJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    root.path("shapes")
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode s = entry.getValue();
              List<String> required = new ArrayList<>();
              s.path("required").forEach(r -> required.add(r.asText()));
              List<String> enumValues = null;
              if (s.has("enum")) {
                enumValues = new ArrayList<>();
                for (JsonNode e : s.get("enum")) {
                  enumValues.add(e.asText());
                }
              }
              Map<String, String> members = new LinkedHashMap<>();
              s.path("members")
                  .fields()
                  .forEachRemaining(m -> members.put(m.getKey(), m.getValue().asText()));
              shapes.put(
                  entry.getKey(),
                  new Shape(
                      entry.getKey(),
                      s.path("type").asText(),
                      List.copyOf(required),
                      s.path("union").asBoolean(false),
                      s.has("min") ? s.get("min").asLong() : null,
                      s.has("max") ? s.get("max").asLong() : null,
                      s.has("pattern") ? Pattern.compile(s.get("pattern").asText()) : null,
                      enumValues == null ? null : List.copyOf(enumValues),
                      members,
                      s.has("member") ? s.get("member").asText() : null));
            });
    return new SettingsShapes(shapes);
  }
}
