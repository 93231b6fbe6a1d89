package dev.studiolifecycle.local.asl.task.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between the JSON that aws-sdk tasks see and AWS SDK v2 model objects, generically, from
 * each shape's {@link SdkField} metadata: member names in PascalCase (as Step Functions writes
 * them, whatever the service's own casing; {@code Equals} is {@code EqualsValue}), timestamps as
 * ISO-8601 strings with milliseconds, blobs as base64.
 */
final class SdkShapeJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SdkShapeJson() {}

  /** A request or member value that does not fit its shape; the message names the member. */
  static final class ShapeMismatch extends RuntimeException {
    ShapeMismatch(String message) {
      super(message);
    }
  }

  /** The name a member has in Parameters and in results. */
  static String jsonName(SdkField<?> field) {
    String name = field.memberName();
    String pascal = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    // The developer guide: fields named "equals" are EqualsValue in state machines.
    return pascal.equals("Equals") ? "EqualsValue" : pascal;
  }

  /** The members of a shape by their JSON names. */
  static Map<String, SdkField<?>> members(List<SdkField<?>> fields) {
    Map<String, SdkField<?>> byName = new LinkedHashMap<>();
    fields.forEach(field -> byName.put(jsonName(field), field));
    return byName;
  }

  /** Creates a builder of a request or structure class through its static {@code builder()}. */
  static SdkPojo newBuilder(Class<?> shape) {
    try {
      return (SdkPojo) shape.getMethod("builder").invoke(null);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(shape + " is not an AWS SDK v2 model class", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create a builder of " + shape, e.getCause());
    }
  }

  /**
   * Builds the object of {@code builder}'s shape from a JSON object.
   *
   * @param path where this object is, for messages: {@code Parameters.UserSettings}
   * @throws ShapeMismatch naming the member that has no place or the wrong type
   */
  static Object build(SdkPojo builder, JsonNode json, String path) {
    if (!json.isObject()) {
      throw new ShapeMismatch(path + ": must be an object, got " + json.getNodeType());
    }
    Map<String, SdkField<?>> members = members(builder.sdkFields());
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = path + "." + entry.getKey();
      SdkField<?> field = members.get(entry.getKey());
      if (field == null) {
        throw new ShapeMismatch(
            where + ": no such member (it has: " + String.join(", ", members.keySet()) + ")");
      }
      if (!entry.getValue().isNull()) {
        field.set(builder, value(field, entry.getValue(), where));
      }
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object value(SdkField<?> field, JsonNode json, String where) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return text(json, where);
    } else if (type == MarshallingType.INTEGER) {
      return integral(json, where, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
    } else if (type == MarshallingType.LONG) {
      return integral(json, where, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
    } else if (type == MarshallingType.SHORT) {
      return integral(json, where, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
    } else if (type == MarshallingType.BYTE) {
      return integral(json, where, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue();
    } else if (type == MarshallingType.FLOAT) {
      return number(json, where).floatValue();
    } else if (type == MarshallingType.DOUBLE) {
      return number(json, where).doubleValue();
    } else if (type == MarshallingType.BIG_DECIMAL) {
      return number(json, where);
    } else if (type == MarshallingType.BOOLEAN) {
      if (!json.isBoolean()) {
        throw mismatch(where, "a boolean", json);
      }
      return json.asBoolean();
    } else if (type == MarshallingType.INSTANT) {
      return instant(json, where);
    } else if (type == MarshallingType.SDK_BYTES) {
      try {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(text(json, where)));
      } catch (IllegalArgumentException e) {
        throw new ShapeMismatch(where + ": must be base64 text (" + e.getMessage() + ")");
      }
    } else if (type == MarshallingType.SDK_POJO) {
      return build(field.constructor().get(), json, where);
    } else if (type == MarshallingType.LIST) {
      return list(field, json, where);
    } else if (type == MarshallingType.MAP) {
      return map(field, json, where);
    } else if (type == MarshallingType.DOCUMENT) {
      return document(json);
    }
    throw new ShapeMismatch(where + ": members of type " + type + " are not supported");
  }

  private static List<Object> list(SdkField<?> field, JsonNode json, String where) {
    if (!json.isArray()) {
      throw mismatch(where, "a list", json);
    }
    SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      values.add(value(member, json.get(i), where + "[" + i + "]"));
    }
    return values;
  }

  private static Map<String, Object> map(SdkField<?> field, JsonNode json, String where) {
    if (!json.isObject()) {
      throw mismatch(where, "a map (JSON object)", json);
    }
    SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
    Map<String, Object> values = new LinkedHashMap<>();
    json.fields()
        .forEachRemaining(
            entry ->
                values.put(
                    entry.getKey(), value(member, entry.getValue(), where + "." + entry.getKey())));
    return values;
  }

  private static String text(JsonNode json, String where) {
    if (!json.isTextual()) {
      throw mismatch(where, "a string", json);
    }
    return json.asText();
  }

  private static BigDecimal number(JsonNode json, String where) {
    if (!json.isNumber()) {
      throw mismatch(where, "a number", json);
    }
    return json.decimalValue();
  }

  private static BigDecimal integral(JsonNode json, String where, long min, long max) {
    BigDecimal value = number(json, where);
    if (value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new ShapeMismatch(
          where + ": must be an integer between " + min + " and " + max + ", got " + json);
    }
    return value;
  }

  private static Instant instant(JsonNode json, String where) {
    if (json.isNumber()) {
      return Instant.ofEpochMilli(json.decimalValue().movePointRight(3).longValue());
    }
    try {
      return OffsetDateTime.parse(text(json, where)).toInstant();
    } catch (DateTimeParseException e) {
      throw new ShapeMismatch(
          where + ": must be an ISO-8601 timestamp or epoch seconds, got " + json);
    }
  }

  private static Document document(JsonNode json) {
    if (json.isNull()) {
      return Document.fromNull();
    } else if (json.isBoolean()) {
      return Document.fromBoolean(json.asBoolean());
    } else if (json.isNumber()) {
      return Document.fromNumber(json.decimalValue());
    } else if (json.isTextual()) {
      return Document.fromString(json.asText());
    } else if (json.isArray()) {
      List<Document> items = new ArrayList<>();
      json.forEach(item -> items.add(document(item)));
      return Document.fromList(items);
    }
    Map<String, Document> members = new LinkedHashMap<>();
    json.fields().forEachRemaining(e -> members.put(e.getKey(), document(e.getValue())));
    return Document.fromMap(members);
  }

  private static ShapeMismatch mismatch(String where, String expected, JsonNode actual) {
    return new ShapeMismatch(where + ": must be " + expected + ", got " + actual.getNodeType());
  }

  /** A response or structure as Step Functions returns it: set members only, PascalCase. */
  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = JSON.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      json(field, field.getValueOrDefault(pojo))
          .ifPresent(value -> out.set(jsonName(field), value));
    }
    return out;
  }

  private static Optional<JsonNode> json(SdkField<?> field, Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(JSON.textNode(text));
    } else if (value instanceof Boolean bool) {
      return Optional.of(JSON.booleanNode(bool));
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(JSON.numberNode(((Number) value).longValue()));
    } else if (value instanceof Float || value instanceof Double) {
      return Optional.of(JSON.numberNode(((Number) value).doubleValue()));
    } else if (value instanceof BigDecimal decimal) {
      return Optional.of(JSON.numberNode(decimal));
    } else if (value instanceof Instant instant) {
      return Optional.of(JSON.textNode(TIMESTAMP.format(instant)));
    } else if (value instanceof SdkBytes bytes) {
      return Optional.of(JSON.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray())));
    } else if (value instanceof SdkPojo pojo) {
      return Optional.of(toJson(pojo));
    } else if (value instanceof List<?> list) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      ArrayNode array = JSON.arrayNode();
      list.forEach(item -> array.add(json(member, item).orElse(JSON.nullNode())));
      return Optional.of(array);
    } else if (value instanceof Map<?, ?> map) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      ObjectNode object = JSON.objectNode();
      map.forEach(
          (key, item) ->
              object.set(String.valueOf(key), json(member, item).orElse(JSON.nullNode())));
      return Optional.of(object);
    } else if (value instanceof Document document) {
      return Optional.of(document(document));
    }
    throw new IllegalStateException(
        "unexpected value of " + field.memberName() + ": " + value.getClass());
  }

  private static JsonNode document(Document document) {
    if (document.isNull()) {
      return JSON.nullNode();
    } else if (document.isBoolean()) {
      return JSON.booleanNode(document.asBoolean());
    } else if (document.isNumber()) {
      return JSON.numberNode(document.asNumber().bigDecimalValue());
    } else if (document.isString()) {
      return JSON.textNode(document.asString());
    } else if (document.isList()) {
      ArrayNode array = JSON.arrayNode();
      document.asList().forEach(item -> array.add(document(item)));
      return array;
    }
    ObjectNode object = JSON.objectNode();
    document.asMap().forEach((key, item) -> object.set(key, document(item)));
    return object;
  }

  /** For messages: the JSON names of a shape's members. */
  static String describe(List<SdkField<?>> fields) {
    return fields.stream().map(SdkShapeJson::jsonName).collect(Collectors.joining(", "));
  }
}
