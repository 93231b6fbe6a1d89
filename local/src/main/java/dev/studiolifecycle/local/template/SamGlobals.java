package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A SAM template's Globals section, merged into its functions and state machines. */
final class SamGlobals {

  /**
   * The sections of Globals and the properties each takes, in the SAM translator's order (its
   * Globals plugin, {@code supported_properties}): another section or property fails the transform.
   */
  private static final Map<String, List<String>> SUPPORTED =
      Map.ofEntries(
          Map.entry(
              "Api",
              List.of(
                  "Auth",
                  "Name",
                  "DefinitionUri",
                  "CacheClusterEnabled",
                  "CacheClusterSize",
                  "MergeDefinitions",
                  "Variables",
                  "EndpointConfiguration",
                  "MethodSettings",
                  "BinaryMediaTypes",
                  "MinimumCompressionSize",
                  "Cors",
                  "GatewayResponses",
                  "AccessLogSetting",
                  "CanarySetting",
                  "TracingEnabled",
                  "OpenApiVersion",
                  "Domain",
                  "AlwaysDeploy",
                  "PropagateTags",
                  "SecurityPolicy",
                  "EndpointAccessMode")),
          Map.entry(
              "CapacityProvider",
              List.of(
                  "VpcConfig",
                  "OperatorRole",
                  "Tags",
                  "InstanceRequirements",
                  "ScalingConfig",
                  "KmsKeyArn",
                  "PropagateTags")),
          Map.entry(
              "Function",
              List.of(
                  "Handler",
                  "Runtime",
                  "CodeUri",
                  "DeadLetterQueue",
                  "Description",
                  "MemorySize",
                  "Timeout",
                  "VpcConfig",
                  "Environment",
                  "Tags",
                  "PropagateTags",
                  "Tracing",
                  "KmsKeyArn",
                  "AutoPublishAlias",
                  "AutoPublishAliasAllProperties",
                  "Layers",
                  "DeploymentPreference",
                  "RolePath",
                  "PermissionsBoundary",
                  "ReservedConcurrentExecutions",
                  "ProvisionedConcurrencyConfig",
                  "AssumeRolePolicyDocument",
                  "EventInvokeConfig",
                  "FileSystemConfigs",
                  "CodeSigningConfigArn",
                  "Architectures",
                  "SnapStart",
                  "EphemeralStorage",
                  "FunctionUrlConfig",
                  "RuntimeManagementConfig",
                  "LoggingConfig",
                  "RecursiveLoop",
                  "SourceKMSKeyArn",
                  "TenancyConfig",
                  "DurableConfig",
                  "CapacityProviderConfig",
                  "FunctionScalingConfig",
                  "PublishToLatestPublished",
                  "VersionDeletionPolicy")),
          Map.entry(
              "HttpApi",
              List.of(
                  "Auth",
                  "AccessLogSettings",
                  "StageVariables",
                  "Tags",
                  "CorsConfiguration",
                  "DefaultRouteSettings",
                  "Domain",
                  "RouteSettings",
                  "FailOnWarnings",
                  "PropagateTags")),
          Map.entry("LayerVersion", List.of("PublishLambdaVersion")),
          Map.entry("SimpleTable", List.of("SSESpecification")),
          Map.entry("StateMachine", List.of("PropagateTags")),
          Map.entry(
              "WebSocketApi",
              List.of(
                  "AccessLogSettings",
                  "ApiKeySelectionExpression",
                  "DefaultRouteSettings",
                  "DisableExecuteApiEndpoint",
                  "DisableSchemaValidation",
                  "Domain",
                  "FailOnWarnings",
                  "IpAddressType",
                  "PropagateTags",
                  "RouteSelectionExpression",
                  "RouteSettings",
                  "StageVariables",
                  "Tags")));

  private SamGlobals() {}

  /**
   * Globals as the SAM transform takes them: a non-empty mapping of the sections it knows, each
   * holding only the properties it supports for that section, refused in the translator's words.
   */
  static void check(JsonNode globals) {
    if (globals == null) {
      return;
    }
    if (!globals.isObject() || globals.isEmpty()) {
      throw refused("Globals", "It must be a non-empty dictionary");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = globals.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      List<String> supported = SUPPORTED.get(section.getKey());
      if (supported == null) {
        throw refused(
            "Globals." + section.getKey(),
            "'"
                + section.getKey()
                + "' is not supported. Must be one of the following values - "
                + quoted(SUPPORTED.keySet().stream().sorted().toList()));
      }
      if (!section.getValue().isObject()) {
        throw refused(
            "Globals." + section.getKey(),
            "Value of " + section.getKey() + " must be a dictionary");
      }
      section
          .getValue()
          .fieldNames()
          .forEachRemaining(
              property -> {
                if (!supported.contains(property)) {
                  throw refused(
                      "Globals." + section.getKey() + "." + property,
                      "'"
                          + property
                          + "' is not a supported property of '"
                          + section.getKey()
                          + "'. Must be one of the following values - "
                          + quoted(supported));
                }
              });
    }
  }

  private static TemplateException refused(String where, String message) {
    return new TemplateException(
        where + ": the SAM transform refuses it: 'Globals' section is invalid. " + message);
  }

  /** A list as the translator prints it: {@code ['A', 'B']}. */
  private static String quoted(List<String> names) {
    return names.stream().map(name -> "'" + name + "'").toList().toString();
  }

  /**
   * Resources with Globals merged in the way SAM does: a resource's own value wins, maps merge key
   * by key, lists are added to the global list.
   */
  static ObjectNode apply(JsonNode resources, JsonNode globals) {
    ObjectNode merged = resources.deepCopy();
    if (globals == null) {
      return merged;
    }
    Map<String, String> sections =
        Map.of(
            "AWS::Serverless::Function",
            "Function",
            "AWS::Serverless::StateMachine",
            "StateMachine");
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
      JsonNode resource = it.next().getValue();
      String section = sections.get(resource.path("Type").asText());
      JsonNode global = section == null ? null : globals.get(section);
      if (global == null || !global.isObject() || !resource.isObject()) {
        continue;
      }
      ObjectNode properties =
          resource.has("Properties") && resource.get("Properties").isObject()
              ? (ObjectNode) resource.get("Properties")
              : ((ObjectNode) resource).putObject("Properties");
      ((ObjectNode) resource).set("Properties", merge(global, properties));
    }
    return merged;
  }

  private static JsonNode merge(JsonNode global, JsonNode local) {
    if (global.isObject() && local.isObject() && !isIntrinsic(global) && !isIntrinsic(local)) {
      ObjectNode out = global.deepCopy();
      local
          .fields()
          .forEachRemaining(
              e ->
                  out.set(
                      e.getKey(),
                      out.has(e.getKey())
                          ? merge(out.get(e.getKey()), e.getValue())
                          : e.getValue().deepCopy()));
      return out;
    }
    if (global.isArray() && local.isArray()) {
      ArrayNode out = global.deepCopy();
      out.addAll((ArrayNode) local.deepCopy());
      return out;
    }
    return local.deepCopy();
  }

  private static boolean isIntrinsic(JsonNode node) {
    if (node.size() != 1) {
      return false;
    }
    String key = node.fieldNames().next();
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }
}
