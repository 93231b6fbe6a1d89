package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The structure of a resource's properties below the top level, as CloudFormation validates it
 * against the type's resource provider schema before creating the resource: a key the schema does
 * not permit, a required key missing, an object where an array belongs and the like fail with
 * "Properties validation failed for resource X with message: #/Path: ..." in the words of the JSON
 * schema validator CloudFormation uses ("extraneous key [K] is not permitted", "required key [K]
 * not found", "expected type: JSONArray, found: JSONObject", "All is not a valid enum value"). The
 * schemas' structure is read from "cloudformation-property-schemas.txt" (cfn-lint 1.51.0's copy of
 * the us-east-1 schemas, written by {@code local/src/test/model/extract-resource-schemas.py}).
 *
 * <p>Where AWS differs by type: for some older types CloudFormation only warns of such a property
 * and leaves it out ("Resource template validation failed ... as the template has invalid
 * properties", cloudformation-coverage-roadmap #1514); the local runtime refuses either way (the
 * stricter reading). The values are checked as the stack resolves them ({@link
 * ResourceTypes#checkProperties} hands them over resolved where the local runtime can resolve
 * them); a value still given by an intrinsic function is not checked. Scalars are not told apart
 * (CloudFormation converts "30" to 30), and below a schema's oneOf/anyOf/allOf nothing is checked.
 *
 * <p>A scalar must be one of the schema's enum where it has one, compared as text (CloudFormation
 * converts 7 and "7" alike), match its pattern ("failed validation constraint for keyword
 * [pattern]": CloudFormation does not repeat the pattern, cloudformation-resource-schema #85) and
 * keep within its lengths and range ("expected maxLength: 64, actual: 70", "0 is not greater or
 * equal to 1"); a list within its item counts. cfn-lint's copy of the schemas adds some of these
 * from the services' API models, which the services hold to anyway. A pattern Java's regular
 * expressions cannot compile is not checked.
 */
final class PropertySchemas {

  private static final String FILE = "cloudformation-property-schemas.txt";

  /** A type's schema as its line holds it, parsed when a template first uses the type. */
  private static final class Lines {
    static final Map<String, String> BY_TYPE = load();
  }

  private static final Map<String, JsonNode> PARSED = new ConcurrentHashMap<>();

  private PropertySchemas() {}

  /**
   * The properties of one resource of a CloudFormation type, checked against the type's schema; a
   * type without one (SAM's, a custom resource) is not checked here.
   */
  static void check(String logicalId, String type, JsonNode properties) {
    check("Resources." + logicalId + ".Properties", logicalId, type, properties);
  }

  /** As above, for the resource {@code resourceId} that {@code where} in the template makes. */
  private static void check(String where, String resourceId, String type, JsonNode properties) {
    JsonNode schema = schema(type);
    if (schema == null || !properties.isObject()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    JsonNode definitions = schema.path("d");
    new Walk(definitions, problems).properties(properties, schema.path("p"), false, "#");
    if (!problems.isEmpty()) {
      throw new TemplateException(
          where
              + ": CloudFormation refuses it: Properties validation failed for resource "
              + resourceId
              + " with message: "
              + String.join(" ", problems));
    }
  }

  /**
   * The properties of a SAM resource that the SAM translator hands on unchanged to the resource it
   * generates under the same logical id, under their names there (aws-sam-translator 1.110.0,
   * SamFunction._construct_lambda_function and the state machine generator): CloudFormation then
   * checks them against that resource's schema.
   */
  private static final Map<String, Generated> PASSED_ON =
      Map.of(
          "AWS::Serverless::Function",
          new Generated(
              "AWS::Lambda::Function",
              Map.ofEntries(
                  same("FunctionName"),
                  same("Handler"),
                  same("Runtime"),
                  same("Description"),
                  same("MemorySize"),
                  same("Timeout"),
                  same("VpcConfig"),
                  same("Role"),
                  same("Environment"),
                  same("KmsKeyArn"),
                  same("ReservedConcurrentExecutions"),
                  same("Layers"),
                  same("FileSystemConfigs"),
                  same("ImageConfig"),
                  same("PackageType"),
                  same("Architectures"),
                  same("SnapStart"),
                  same("EphemeralStorage"),
                  same("CodeSigningConfigArn"),
                  same("RuntimeManagementConfig"),
                  same("LoggingConfig"),
                  same("TenancyConfig"),
                  same("RecursiveLoop"),
                  same("DurableConfig"),
                  same("FunctionScalingConfig"),
                  same("PublishToLatestPublished"))),
          "AWS::Serverless::StateMachine",
          new Generated(
              "AWS::StepFunctions::StateMachine",
              Map.of("Logging", "LoggingConfiguration", "Tracing", "TracingConfiguration")));

  /** The type SAM generates, and which of its properties each SAM property becomes. */
  private record Generated(String type, Map<String, String> properties) {}

  private static Map.Entry<String, String> same(String property) {
    return Map.entry(property, property);
  }

  /**
   * A SAM resource's properties that the translator passes on, checked as CloudFormation checks the
   * resource it generates (whose logical id is the SAM resource's).
   */
  static void checkPassedOn(String logicalId, String samType, JsonNode properties) {
    Generated generated = PASSED_ON.get(samType);
    if (generated == null || !properties.isObject()) {
      return;
    }
    ObjectNode passed = LocalJson.MAPPER.createObjectNode();
    properties
        .fields()
        .forEachRemaining(
            field -> {
              String name = generated.properties().get(field.getKey());
              if (name != null) {
                passed.set(name, field.getValue());
              }
            });
    check(logicalId, generated.type(), passed);
    checkEvents(logicalId, properties);
  }

  /**
   * Each rule event (EventBridgeRule, CloudWatchEvent) and SNS event of a SAM function or state
   * machine, as the resource the translator generates for it under {@code <resource><event>}
   * (eventsources.push and stepfunctions.events, to_cloudformation): for a rule event an
   * AWS::Events::Rule with its Pattern as EventPattern, EventBusName, RuleName as Name, State, and
   * one target carrying the event's Input, InputPath, InputTransformer and RetryPolicy; for an SNS
   * event an AWS::SNS::Subscription with its Topic as TopicArn, Region, FilterPolicy,
   * FilterPolicyScope and RedrivePolicy. The ARNs, target Id and role stand in for what SAM fills
   * in.
   */
  private static void checkEvents(String logicalId, JsonNode properties) {
    properties
        .path("Events")
        .fields()
        .forEachRemaining(
            event -> {
              String type = event.getValue().path("Type").asText();
              JsonNode given = event.getValue().path("Properties");
              ObjectNode generated = LocalJson.MAPPER.createObjectNode();
              String generatedType;
              if (type.equals("EventBridgeRule") || type.equals("CloudWatchEvent")) {
                generatedType = "AWS::Events::Rule";
                rule(logicalId, given, generated);
              } else if (type.equals("SNS")) {
                generatedType = "AWS::SNS::Subscription";
                generated.put("Protocol", given.has("SqsSubscription") ? "sqs" : "lambda");
                generated.put("Endpoint", LocalAccount.arn("lambda", "function:" + logicalId));
                copy(given, "Topic", generated, "TopicArn");
                for (String field :
                    List.of("Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy")) {
                  copy(given, field, generated, field);
                }
              } else {
                return;
              }
              check(
                  "Resources." + logicalId + ".Properties.Events." + event.getKey(),
                  logicalId + event.getKey(),
                  generatedType,
                  generated);
            });
  }

  private static void rule(String logicalId, JsonNode given, ObjectNode rule) {
    copy(given, "Pattern", rule, "EventPattern");
    copy(given, "EventBusName", rule, "EventBusName");
    copy(given, "RuleName", rule, "Name");
    copy(given, "State", rule, "State");
    ObjectNode target = rule.putArray("Targets").addObject();
    target.put("Arn", LocalAccount.arn("lambda", "function:" + logicalId));
    JsonNode id = given.path("Target").path("Id");
    target.set("Id", id.isMissingNode() ? TextNode.valueOf("Target") : id);
    target.put("RoleArn", LocalAccount.globalArn("iam", "role/" + logicalId));
    for (String field : List.of("Input", "InputPath", "InputTransformer", "RetryPolicy")) {
      copy(given, field, target, field);
    }
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    if (from.has(field)) {
      to.set(as, from.get(field));
    }
  }

  private static JsonNode schema(String type) {
    String line = Lines.BY_TYPE.get(type);
    if (line == null) {
      return null;
    }
    return PARSED.computeIfAbsent(
        type,
        key -> {
          try {
            return LocalJson.MAPPER.readTree(line);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(FILE + ": the line of " + key + " is not JSON", e);
          }
        });
  }

  /** One resource's walk through its values beside their schema, gathering what fails. */
  private record Walk(JsonNode definitions, List<String> problems) {

    void value(JsonNode value, JsonNode schema, String at) {
      JsonNode node = resolve(schema);
      if (node.isTextual()) {
        checkType(value, node.asText(), at);
        return;
      }
      if (node.has("c") || intrinsic(value) || !checkType(value, node.path("t").asText(), at)) {
        return;
      }
      if (value.isValueNode()) {
        scalar(value, node, at);
      }
      if (value.isArray() && node.has("k")) {
        bound(value.size(), node.get("k"), "item count", at);
      }
      if (value.isObject() && node.has("p")) {
        properties(value, node.get("p"), node.has("x"), at);
        for (JsonNode required : node.path("r")) {
          if (!present(value, required.asText())) {
            problems.add(at + ": required key [" + required.asText() + "] not found");
          }
        }
      }
      if (value.isArray() && node.has("i")) {
        for (int i = 0; i < value.size(); i++) {
          value(value.get(i), node.get("i"), at + "/" + i);
        }
      }
    }

    void properties(JsonNode value, JsonNode known, boolean closed, String at) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (noValue(field.getValue())) {
          continue;
        }
        String path = (at.equals("#") ? "#/" : at + "/") + field.getKey();
        if (known.has(field.getKey())) {
          value(field.getValue(), known.get(field.getKey()), path);
        } else if (closed) {
          problems.add(at + ": extraneous key [" + field.getKey() + "] is not permitted");
        }
      }
    }

    /** A scalar's enum, pattern, length and range, as the schema gives them. */
    private void scalar(JsonNode value, JsonNode node, String at) {
      String text = value.asText();
      if (node.has("e") && !listed(node.get("e"), text)) {
        problems.add(at + ": " + text + " is not a valid enum value");
      }
      Pattern pattern = node.has("m") ? pattern(node.get("m").asText()) : null;
      if (pattern != null && !pattern.matcher(text).find()) {
        // CloudFormation names the keyword, not the pattern (cloudformation-resource-schema #85).
        problems.add(at + ": failed validation constraint for keyword [pattern]");
      }
      if (node.has("l") && (value.isTextual() || node.path("t").asText().equals("s"))) {
        bound(text.codePointCount(0, text.length()), node.get("l"), "Length", at);
      }
      if (node.has("n") && NUMBER.matcher(text).matches()) {
        BigDecimal number = new BigDecimal(text);
        JsonNode minimum = node.get("n").get(0);
        JsonNode maximum = node.get("n").get(1);
        if (minimum.isNumber() && number.compareTo(minimum.decimalValue()) < 0) {
          problems.add(at + ": " + text + " is not greater or equal to " + minimum.asText());
        }
        if (maximum.isNumber() && number.compareTo(maximum.decimalValue()) > 0) {
          problems.add(at + ": " + text + " is not less or equal to " + maximum.asText());
        }
      }
    }

    /**
     * A length or an item count within {@code [min, max]} (either null when unbounded), in the
     * schema validator's words: "expected maxLength: 64, actual: 70", "expected minimum item count:
     * 1, found: 0".
     */
    private void bound(int size, JsonNode limits, String what, String at) {
      JsonNode min = limits.get(0);
      JsonNode max = limits.get(1);
      boolean items = what.equals("item count");
      if (min.isNumber() && size < min.asInt()) {
        problems.add(
            at
                + (items
                    ? ": expected minimum item count: " + min.asInt() + ", found: " + size
                    : ": expected minLength: " + min.asInt() + ", actual: " + size));
      }
      if (max.isNumber() && size > max.asInt()) {
        problems.add(
            at
                + (items
                    ? ": expected maximum item count: " + max.asInt() + ", found: " + size
                    : ": expected maxLength: " + max.asInt() + ", actual: " + size));
      }
    }

    private JsonNode resolve(JsonNode schema) {
      JsonNode node = schema;
      for (int hops = 0; node.isObject() && node.has("$") && hops < 64; hops++) {
        node = definitions.path(node.get("$").asText());
      }
      return node;
    }

    /** False (with the problem added) when the value's kind is not among the schema's types. */
    private boolean checkType(JsonNode value, String types, String at) {
      if (types.isEmpty() || intrinsic(value)) {
        return true;
      }
      boolean fits =
          value.isObject()
              ? types.indexOf('o') >= 0
              : value.isArray()
                  ? types.indexOf('a') >= 0
                  : types.replaceAll("[oa]", "").length() > 0;
      if (!fits) {
        List<String> expected = new ArrayList<>();
        for (char type : types.toCharArray()) {
          expected.add(TYPE_NAMES.get(type));
        }
        problems.add(
            at
                + (expected.size() == 1
                    ? ": expected type: " + expected.get(0)
                    : ": expected type is one of " + String.join(", ", expected))
                + ", found: "
                + found(value));
      }
      return fits;
    }
  }

  /** The schema validator's names of JSON Schema's types. */
  private static final Map<Character, String> TYPE_NAMES =
      Map.of(
          'o', "JSONObject",
          'a', "JSONArray",
          's', "String",
          'n', "Number",
          'i', "Integer",
          'b', "Boolean");

  private static String found(JsonNode value) {
    if (value.isObject()) {
      return "JSONObject";
    }
    if (value.isArray()) {
      return "JSONArray";
    }
    if (value.isTextual()) {
      return "String";
    }
    if (value.isBoolean()) {
      return "Boolean";
    }
    return value.isIntegralNumber() ? "Integer" : "Number";
  }

  /** A value an intrinsic function gives: {@code {"Ref": ...}} or {@code {"Fn::...": ...}}. */
  static boolean intrinsic(JsonNode value) {
    if (!value.isObject() || value.size() != 1) {
      return false;
    }
    String name = value.fieldNames().next();
    return name.equals("Ref") || name.startsWith("Fn::");
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /** Each schema pattern compiled once; one Java cannot compile is not checked (empty). */
  private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

  private static Pattern pattern(String regex) {
    return PATTERNS
        .computeIfAbsent(
            regex,
            key -> {
              try {
                return Optional.of(Pattern.compile(key));
              } catch (PatternSyntaxException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  private static boolean listed(JsonNode values, String value) {
    for (JsonNode listed : values) {
      if (listed.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean noValue(JsonNode value) {
    return value.isObject()
        && value.size() == 1
        && "AWS::NoValue".equals(value.path("Ref").asText());
  }

  private static boolean present(JsonNode object, String key) {
    return object.has(key) && !noValue(object.get(key));
  }

  /** {@code <type> <json>} a line; {@code #} comments. */
  private static Map<String, String> load() {
    try (InputStream in = PropertySchemas.class.getResourceAsStream(FILE);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, String> types = new HashMap<>();
      reader
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(
              line -> {
                int space = line.indexOf(' ');
                types.put(line.substring(0, space), line.substring(space + 1));
              });
      return Map.copyOf(types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
  }
}
