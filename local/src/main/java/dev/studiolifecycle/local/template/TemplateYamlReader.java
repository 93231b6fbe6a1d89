package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Map;

/**
 * Reads CloudFormation YAML into a JSON tree, turning the short-form tags ({@code !Ref}, {@code
 * !Sub}, {@code !GetAtt}, ...) into their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub":
 * ...}}), as CloudFormation itself does. Jackson's YAML parser reports a node's tag as its type id.
 */
final class TemplateYamlReader {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final YAMLFactory YAML = new YAMLFactory();

  /** Short-form tag -> long-form key. */
  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("Ref", "Ref"),
          Map.entry("Condition", "Condition"),
          Map.entry("Sub", "Fn::Sub"),
          Map.entry("GetAtt", "Fn::GetAtt"),
          Map.entry("Join", "Fn::Join"),
          Map.entry("If", "Fn::If"),
          Map.entry("Select", "Fn::Select"),
          Map.entry("Split", "Fn::Split"),
          Map.entry("Equals", "Fn::Equals"),
          Map.entry("Not", "Fn::Not"),
          Map.entry("And", "Fn::And"),
          Map.entry("Or", "Fn::Or"),
          Map.entry("FindInMap", "Fn::FindInMap"),
          Map.entry("Base64", "Fn::Base64"),
          Map.entry("ImportValue", "Fn::ImportValue"),
          Map.entry("GetAZs", "Fn::GetAZs"),
          Map.entry("Cidr", "Fn::Cidr"),
          Map.entry("Transform", "Fn::Transform"));

  private TemplateYamlReader() {}

  static JsonNode read(String yaml, String source) {
    try (JsonParser parser = YAML.createParser(yaml)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new TemplateException(source + " is empty");
      }
      return value(parser, source);
    } catch (JsonProcessingException e) {
      // The YAML parser's own message already shows the line; its "[Source: ...]" suffix adds
      // nothing.
      throw new TemplateException(
          source + " is not valid YAML: " + e.getOriginalMessage().strip(), e);
    } catch (IOException e) {
      throw new TemplateException(source + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  /** The value at the current token (a scalar, or a whole mapping or sequence). */
  private static JsonNode value(JsonParser parser, String source) throws IOException {
    Object typeId = parser.getTypeId();
    String tag = typeId == null ? null : typeId.toString();
    JsonNode value =
        switch (parser.currentToken()) {
          case START_OBJECT -> object(parser, source);
          case START_ARRAY -> array(parser, source);
          case VALUE_STRING -> JSON.textNode(parser.getText());
          case VALUE_NUMBER_INT ->
              parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                  ? JSON.numberNode(parser.getBigIntegerValue())
                  : JSON.numberNode(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> JSON.numberNode(parser.getDecimalValue());
          case VALUE_TRUE -> JSON.booleanNode(true);
          case VALUE_FALSE -> JSON.booleanNode(false);
          case VALUE_NULL -> JSON.nullNode();
          default ->
              throw new TemplateException(
                  source
                      + ": unexpected YAML token "
                      + parser.currentToken()
                      + " at "
                      + parser.currentLocation());
        };
    return tagged(tag, value, parser, source);
  }

  private static JsonNode tagged(String tag, JsonNode value, JsonParser parser, String source) {
    if (tag == null || tag.startsWith("tag:yaml.org") || tag.startsWith("!")) {
      // No tag, or a YAML core tag (!!str, !!int) that the parser has already applied.
      return value;
    }
    String key = TAGS.get(tag);
    if (key == null) {
      throw new TemplateException(
          source + ": unknown tag !" + tag + " at line " + parser.currentLocation().getLineNr());
    }
    ObjectNode longForm = JSON.objectNode();
    longForm.set(key, value);
    return longForm;
  }

  private static ObjectNode object(JsonParser parser, String source) throws IOException {
    ObjectNode object = JSON.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (object.has(name)) {
        throw new TemplateException(
            source
                + ": key '"
                + name
                + "' appears twice in one mapping "
                + "(line "
                + parser.currentLocation().getLineNr()
                + ")");
      }
      object.set(name, value(parser, source));
    }
    return object;
  }

  private static ArrayNode array(JsonParser parser, String source) throws IOException {
    ArrayNode array = JSON.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(parser, source));
    }
    return array;
  }
}
