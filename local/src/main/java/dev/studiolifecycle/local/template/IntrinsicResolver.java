package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions over a template's Parameters, Conditions, Mappings,
 * pseudo parameters and resources, as CloudFormation would for the stack it is given in the {@link
 * LocalAccount}. {@code AWS::NoValue} yields a missing node, which removes the property or list
 * element that holds it.
 */
final class IntrinsicResolver {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final String stackName;
  private final Map<String, JsonNode> pseudo;
  private final Map<String, JsonNode> parameters;
  private final JsonNode conditions;
  private final JsonNode mappings;
  private final JsonNode resources;
  private final Map<String, Boolean> conditionValues = new HashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();

  IntrinsicResolver(
      String stackName,
      Map<String, JsonNode> parameters,
      JsonNode conditions,
      JsonNode mappings,
      JsonNode resources) {
    this.stackName = stackName;
    this.pseudo = PseudoParameters.of(stackName);
    this.parameters = parameters;
    this.conditions = conditions;
    this.mappings = mappings;
    this.resources = resources;
  }

  /** The URL SQS gives a queue of this name in the local account and region. */
  private static String queueUrl(String queueName) {
    return "https://sqs."
        + LocalAccount.REGION
        + ".amazonaws.com/"
        + LocalAccount.ACCOUNT_ID
        + "/"
        + queueName;
  }

  /** The stack's name, as AWS::StackName gives it. */
  String stackName() {
    return stackName;
  }

  /** The value with every intrinsic function evaluated; {@code where} names it in errors. */
  JsonNode resolve(JsonNode value, String where) {
    if (value == null) {
      return MissingNode.getInstance();
    }
    if (value.isObject()) {
      if (value.size() == 1) {
        String key = value.fieldNames().next();
        if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
          return function(key, value.get(key), where);
        }
      }
      ObjectNode out = JSON.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode resolved = resolve(field.getValue(), where + "." + field.getKey());
        if (!resolved.isMissingNode()) {
          out.set(field.getKey(), resolved);
        }
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = JSON.arrayNode();
      for (int i = 0; i < value.size(); i++) {
        JsonNode resolved = resolve(value.get(i), where + "[" + i + "]");
        if (!resolved.isMissingNode()) {
          out.add(resolved);
        }
      }
      return out;
    }
    return value;
  }

  /** The value as a string, as CloudFormation passes scalars to string properties. */
  String resolveString(JsonNode value, String where) {
    JsonNode resolved = resolve(value, where);
    if (resolved.isTextual() || resolved.isNumber() || resolved.isBoolean()) {
      return resolved.asText();
    }
    throw new TemplateException(where + ": expected a string, got " + describe(resolved));
  }

  /** Whether the stack creates a resource: it has no Condition, or its Condition holds. */
  boolean created(String logicalId, JsonNode resource) {
    JsonNode condition = resource.get("Condition");
    return condition == null
        || condition(condition.asText(), "Resources." + logicalId + ".Condition");
  }

  /** Whether a named condition of the template's Conditions section holds. */
  boolean condition(String name, String where) {
    Boolean known = conditionValues.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = conditions == null ? null : conditions.get(name);
    if (definition == null) {
      throw new TemplateException(where + ": no condition named '" + name + "' in Conditions");
    }
    ConditionReferences.check(definition, resources, "Conditions." + name);
    guard("Conditions." + name);
    try {
      JsonNode value = resolve(definition, "Conditions." + name);
      if (!value.isBoolean()) {
        throw new TemplateException(
            "Conditions." + name + ": must evaluate to true or false, " + "got " + describe(value));
      }
      conditionValues.put(name, value.asBoolean());
      return value.asBoolean();
    } finally {
      evaluating.remove("Conditions." + name);
    }
  }

  private JsonNode function(String name, JsonNode argument, String where) {
    String at = where + " (" + name + ")";
    return switch (name) {
      case "Ref" -> ref(text(argument, at), at);
      case "Condition" -> JSON.booleanNode(condition(text(argument, at), at));
      case "Fn::GetAtt" -> getAtt(argument, at);
      case "Fn::Sub" -> JSON.textNode(sub(argument, at));
      case "Fn::Join" -> join(argument, at);
      case "Fn::If" -> ifThen(argument, at);
      case "Fn::Select" -> select(argument, at);
      case "Fn::Split" -> split(argument, at);
      case "Fn::Equals" -> equalsFn(argument, at);
      case "Fn::Not" -> not(argument, at);
      case "Fn::And" -> andOr(true, argument, at);
      case "Fn::Or" -> andOr(false, argument, at);
      case "Fn::FindInMap" -> findInMap(argument, at);
      case "Fn::Base64" ->
          JSON.textNode(
              Base64.getEncoder()
                  .encodeToString(
                      scalar(resolve(argument, at), at).getBytes(StandardCharsets.UTF_8)));
      case "Fn::GetAZs" -> getAzs(argument, at);
      case "Fn::ImportValue" ->
          throw new TemplateException(
              at
                  + ": cannot import '"
                  + describe(resolve(argument, at))
                  + "': a local run has no other stacks to export it");
      default ->
          throw new TemplateException(
              at + ": the intrinsic function " + name + " is not supported locally");
    };
  }

  private JsonNode join(JsonNode argument, String at) {
    JsonNode args = list(argument, 2, at);
    String delimiter = text(args.get(0), at);
    JsonNode items = resolve(args.get(1), at);
    if (!items.isArray()) {
      throw new TemplateException(
          at + ": the second argument must be a list, got " + describe(items));
    }
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        joined.append(delimiter);
      }
      joined.append(scalar(items.get(i), at));
    }
    return JSON.textNode(joined.toString());
  }

  private JsonNode ifThen(JsonNode argument, String at) {
    JsonNode args = list(argument, 3, at);
    return condition(text(args.get(0), at), at)
        ? resolve(args.get(1), at)
        : resolve(args.get(2), at);
  }

  private JsonNode select(JsonNode argument, String at) {
    JsonNode args = list(argument, 2, at);
    JsonNode index = resolve(args.get(0), at);
    JsonNode items = resolve(args.get(1), at);
    int i;
    try {
      i = Integer.parseInt(index.asText());
    } catch (NumberFormatException e) {
      throw new TemplateException(at + ": the index must be a number, got " + describe(index), e);
    }
    if (!items.isArray() || i < 0 || i >= items.size()) {
      throw new TemplateException(at + ": index " + i + " is outside the list " + describe(items));
    }
    return items.get(i);
  }

  private JsonNode split(JsonNode argument, String at) {
    JsonNode args = list(argument, 2, at);
    String delimiter = text(args.get(0), at);
    String source = scalar(resolve(args.get(1), at), at);
    ArrayNode parts = JSON.arrayNode();
    for (String part : source.split(Pattern.quote(delimiter), -1)) {
      parts.add(part);
    }
    return parts;
  }

  private JsonNode equalsFn(JsonNode argument, String at) {
    JsonNode args = list(argument, 2, at);
    return JSON.booleanNode(
        scalar(resolve(args.get(0), at), at).equals(scalar(resolve(args.get(1), at), at)));
  }

  private JsonNode not(JsonNode argument, String at) {
    JsonNode args = list(argument, 1, at);
    return JSON.booleanNode(!bool(resolve(args.get(0), at), at));
  }

  private JsonNode findInMap(JsonNode argument, String at) {
    JsonNode args = list(argument, 3, at);
    String map = scalar(resolve(args.get(0), at), at);
    String top = scalar(resolve(args.get(1), at), at);
    String second = scalar(resolve(args.get(2), at), at);
    JsonNode found = mappings == null ? null : mappings.path(map).path(top).get(second);
    if (found == null) {
      throw new TemplateException(at + ": Mappings has no " + map + "." + top + "." + second);
    }
    return found;
  }

  private JsonNode getAzs(JsonNode argument, String at) {
    ArrayNode zones = JSON.arrayNode();
    List.of("a", "b", "c", "d", "e", "f").forEach(z -> zones.add(LocalAccount.REGION + z));
    return zones;
  }

  private JsonNode andOr(boolean and, JsonNode argument, String at) {
    if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
      throw new TemplateException(at + ": takes a list of 2 to 10 conditions");
    }
    for (JsonNode condition : argument) {
      boolean value = bool(resolve(condition, at), at);
      if (and != value) {
        return JSON.booleanNode(value);
      }
    }
    return JSON.booleanNode(and);
  }

  private JsonNode ref(String name, String where) {
    if (name.equals("AWS::NoValue")) {
      return MissingNode.getInstance();
    }
    JsonNode pseudo = this.pseudo.get(name);
    if (pseudo != null) {
      return pseudo;
    }
    JsonNode parameter = parameters.get(name);
    if (parameter != null) {
      return parameter;
    }
    int dot = name.indexOf('.');
    if (dot > 0 && resources.has(name.substring(0, dot))) {
      // SAM's Ref to the alias or version it generates: MyFunction.Alias, MyFunction.Version.
      String logicalId = name.substring(0, dot);
      String part = name.substring(dot + 1);
      return JSON.textNode(functionQualifiedArn(logicalId, part, where));
    }
    if (!resources.has(name)) {
      Optional<String> rule = EventSourceReader.generatedRuleName(resources, name, this);
      if (rule.isPresent()) {
        return JSON.textNode(rule.get());
      }
    }
    JsonNode resource = resource(name, where);
    String type = resource.path("Type").asText();
    String physical = physicalName(name, where);
    return JSON.textNode(
        switch (type) {
          case "AWS::Serverless::Function",
              "AWS::Lambda::Function",
              "AWS::IAM::Role",
              "AWS::Events::Rule",
              // An event bus's Ref is its name (CloudFormation, AWS::Events::EventBus).
              "AWS::Events::EventBus",
              "AWS::Logs::LogGroup",
              "AWS::CloudWatch::Alarm",
              // AWS::SSM::Parameter's Ref is the parameter's name, a table's its name.
              "AWS::SSM::Parameter",
              "AWS::DynamoDB::Table" ->
              physical;
          case "AWS::SNS::Topic" -> arn("sns", physical);
          case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
              arn("states", "stateMachine:" + physical);
          case "AWS::IAM::ManagedPolicy" -> LocalAccount.globalArn("iam", "policy/" + physical);
          // A bucket's Ref is its name.
          case "AWS::S3::Bucket" -> physical;
          case "AWS::SQS::Queue" -> queueUrl(physical);
          case "AWS::KMS::Key" -> keyId(physical);
          default ->
              throw new TemplateException(
                  where + ": Ref to '" + name + "' (" + type + ") cannot be resolved locally");
        });
  }

  private JsonNode getAtt(JsonNode argument, String where) {
    String logicalId;
    String attribute;
    if (argument.isTextual()) {
      int dot = argument.asText().indexOf('.');
      if (dot <= 0) {
        throw new TemplateException(
            where + ": expected LogicalId.Attribute, got '" + argument.asText() + "'");
      }
      logicalId = argument.asText().substring(0, dot);
      attribute = argument.asText().substring(dot + 1);
    } else {
      JsonNode args = list(argument, 2, where);
      logicalId = text(args.get(0), where);
      attribute = scalar(resolve(args.get(1), where), where);
    }
    JsonNode resource = resource(logicalId, where);
    String type = resource.path("Type").asText();
    String physical = physicalName(logicalId, where);
    String value =
        switch (type + "." + attribute) {
          case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
              arn("lambda", "function:" + physical);
          case "AWS::SNS::Topic.TopicArn", "AWS::SNS::Topic.Arn" -> arn("sns", physical);
          case "AWS::SNS::Topic.TopicName", "AWS::SNS::Topic.Name" -> physical;
          case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" ->
              arn("states", "stateMachine:" + physical);
          case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" ->
              physical;
          case "AWS::IAM::Role.Arn" ->
              LocalAccount.globalArn(
                  "iam", "role/" + rolePath(logicalId, resource).replaceFirst("^/", "") + physical);
          case "AWS::IAM::ManagedPolicy.PolicyArn" ->
              LocalAccount.globalArn("iam", "policy/" + physical);
          case "AWS::SQS::Queue.Arn" -> arn("sqs", physical);
          case "AWS::SQS::Queue.QueueName" -> physical;
          case "AWS::SQS::Queue.QueueUrl" -> queueUrl(physical);
          case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + physical);
          case "AWS::S3::Bucket.Arn" -> LocalAccount.s3Arn(physical, null);
          case "AWS::Events::Rule.Arn" -> ruleArn(logicalId, resource, physical);
          case "AWS::Events::EventBus.Arn" -> arn("events", "event-bus/" + physical);
          case "AWS::Events::EventBus.Name" -> physical;
          case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + physical + ":*");
          case "AWS::KMS::Key.Arn" -> arn("kms", "key/" + keyId(physical));
          case "AWS::KMS::Key.KeyId" -> keyId(physical);
          default ->
              throw new TemplateException(
                  where
                      + ": attribute "
                      + attribute
                      + " of '"
                      + logicalId
                      + "' ("
                      + type
                      + ") cannot be resolved locally");
        };
    return JSON.textNode(value);
  }

  private String sub(JsonNode argument, String where) {
    String template;
    Map<String, JsonNode> variables = new HashMap<>();
    if (argument.isTextual()) {
      template = argument.asText();
    } else {
      JsonNode args = list(argument, 2, where);
      template = text(args.get(0), where);
      JsonNode map = args.get(1);
      if (!map.isObject()) {
        throw new TemplateException(where + ": the second argument must be a map of variables");
      }
      map.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue()));
    }
    Matcher matcher = SUB_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String replacement;
      if (variable.startsWith("!")) {
        // ${!Literal} writes ${Literal} as it is.
        replacement = "${" + variable.substring(1) + "}";
      } else if (variables.containsKey(variable)) {
        replacement = scalar(resolve(variables.get(variable), where), where);
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        replacement =
            getAtt(
                    JSON.textNode(variable.substring(0, dot) + "." + variable.substring(dot + 1)),
                    where)
                .asText();
      } else {
        replacement = scalar(ref(variable, where), where);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** A resource's name: its name property, else its logical id. */
  String physicalName(String logicalId, String where) {
    JsonNode resource = resource(logicalId, where);
    String property =
        switch (resource.path("Type").asText()) {
          case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "FunctionName";
          case "AWS::SNS::Topic" -> "TopicName";
          case "AWS::Serverless::StateMachine" -> "Name";
          case "AWS::StepFunctions::StateMachine" -> "StateMachineName";
          case "AWS::IAM::Role" -> "RoleName";
          case "AWS::IAM::ManagedPolicy" -> "ManagedPolicyName";
          case "AWS::SQS::Queue" -> "QueueName";
          case "AWS::Events::Rule", "AWS::Events::EventBus" -> "Name";
          case "AWS::Logs::LogGroup" -> "LogGroupName";
          case "AWS::CloudWatch::Alarm" -> "AlarmName";
          case "AWS::SSM::Parameter" -> "Name";
          case "AWS::DynamoDB::Table" -> "TableName";
          case "AWS::S3::Bucket" -> "BucketName";
          default -> null;
        };
    JsonNode name = property == null ? null : resource.path("Properties").get(property);
    if (name == null && resource.path("Type").asText().equals("AWS::S3::Bucket")) {
      // CloudFormation names a bucket <stack>-<logical id>-<suffix>, in lower case (bucket names
      // allow no capitals), shortening the parts so that the name is one S3 takes (at most 63
      // characters); the local deployment leaves the suffix out and cuts the end. How AWS shortens
      // the parts is not documented.
      String generated = (stackName + "-" + logicalId).toLowerCase(java.util.Locale.ROOT);
      return generated.length() <= 63
          ? generated
          : generated.substring(0, 63).replaceAll("-+$", "");
    }
    if (name == null) {
      return logicalId;
    }
    String key = "Resources." + logicalId + ".Properties." + property;
    guard(key);
    try {
      return resolveString(name, key);
    } finally {
      evaluating.remove(key);
    }
  }

  /**
   * A rule's ARN names its bus unless it is on the default bus (EventBridge user guide, "Managing
   * access permissions to your Amazon EventBridge resources": {@code
   * rule/[event-bus-name]/rule-name}).
   */
  private String ruleArn(String logicalId, JsonNode resource, String name) {
    String bus =
        EventSourceReader.bus(
            resource.path("Properties").get("EventBusName"),
            "Resources." + logicalId + ".Properties.EventBusName",
            this);
    return arn("events", "rule/" + (bus.equals("default") ? "" : bus + "/") + name);
  }

  /** A role's Path (default "/"), which its ARN includes. */
  private String rolePath(String logicalId, JsonNode resource) {
    JsonNode path = resource.path("Properties").get("Path");
    return path == null ? "/" : resolveString(path, "Resources." + logicalId + ".Properties.Path");
  }

  private String functionQualifiedArn(String logicalId, String part, String where) {
    JsonNode resource = resource(logicalId, where);
    String named = where + ": '" + logicalId + "." + part + "'";
    if (!resource.path("Type").asText().equals("AWS::Serverless::Function")) {
      throw new TemplateException(named + " only exists for an AWS::Serverless::Function");
    }
    String base = arn("lambda", "function:" + physicalName(logicalId, where));
    if (part.equals("Version")) {
      return base + ":1";
    }
    if (part.equals("Alias")) {
      JsonNode alias = resource.path("Properties").get("AutoPublishAlias");
      if (alias == null) {
        throw new TemplateException(
            where + ": '" + logicalId + ".Alias' needs " + "AutoPublishAlias on " + logicalId);
      }
      return base
          + ":"
          + resolveString(alias, "Resources." + logicalId + ".Properties.AutoPublishAlias");
    }
    throw new TemplateException(
        named + " is not a resource (SAM generates only .Alias and .Version)");
  }

  private JsonNode resource(String logicalId, String where) {
    JsonNode resource = resources.get(logicalId);
    if (resource == null) {
      throw new TemplateException(
          where + ": no parameter, pseudo parameter or resource named '" + logicalId + "'");
    }
    if (!created(logicalId, resource)) {
      throw new TemplateException(
          where
              + ": resource '"
              + logicalId
              + "' is not created (its condition "
              + resource.get("Condition").asText()
              + " is false)");
    }
    return resource;
  }

  private void guard(String key) {
    if (!evaluating.add(key)) {
      throw new TemplateException(
          key + ": circular reference through " + String.join(" -> ", evaluating) + " -> " + key);
    }
  }

  /** A key id as KMS makes them (a UUID), derived from the logical id so it repeats. */
  private static String keyId(String logicalId) {
    return UUID.nameUUIDFromBytes(logicalId.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String arn(String service, String resource) {
    return LocalAccount.arn(service, resource);
  }

  private JsonNode list(JsonNode argument, int size, String where) {
    if (!argument.isArray() || argument.size() != size) {
      throw new TemplateException(
          where
              + ": takes a list of "
              + size
              + " argument"
              + (size == 1 ? "" : "s")
              + ", got "
              + describe(argument));
    }
    return argument;
  }

  private String text(JsonNode node, String where) {
    JsonNode resolved = resolve(node, where);
    if (!resolved.isTextual()) {
      throw new TemplateException(where + ": expected a string, got " + describe(resolved));
    }
    return resolved.asText();
  }

  private static String scalar(JsonNode node, String where) {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw new TemplateException(where + ": expected a string, got " + describe(node));
  }

  private static boolean bool(JsonNode node, String where) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
      return Boolean.parseBoolean(node.asText());
    }
    throw new TemplateException(
        where + ": expected a condition (true or false), got " + describe(node));
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing (AWS::NoValue)";
    }
    return node.toString();
  }
}
