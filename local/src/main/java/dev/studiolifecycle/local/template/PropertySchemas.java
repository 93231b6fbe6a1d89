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
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * (CloudFormation converts "30" to 30). The schema's allOf, anyOf and oneOf are followed, at every
 * depth and for the whole resource ({@link SchemaWalk}: "#/Config: 2 subschemas matched instead of
 * one" where two exclusive properties are both given); if/then/else and dependencies are not.
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
    List<String> problems = new SchemaWalk(schema.path("d")).resource(properties, schema);
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
