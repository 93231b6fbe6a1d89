package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an AWS::Serverless::Function (Globals merged in) as Lambda's CreateFunction takes it: a
 * Handler, one of Lambda's Java runtimes, a Timeout of 1 to 900 seconds and a MemorySize of 128 to
 * 10,240 MB (Lambda developer guide, "Lambda quotas" and "Building Lambda functions with Java"),
 * its environment within Lambda's 4 KB, one architecture.
 */
final class FunctionReader {

  private FunctionReader() {}

  static FunctionDefinition read(String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resource.path("Properties");
    JsonNode handler = properties.get("Handler");
    if (handler == null) {
      throw new TemplateException(where + ".Handler: is required for a Java function");
    }
    Map<String, String> environment = environment(properties, where, resolver);
    JsonNode alias = properties.get("AutoPublishAlias");
    EventInvokeConfig invokeConfig = EventInvokeConfig.read(properties, where, resolver);
    JsonNode runtime = properties.get("Runtime");
    if (runtime == null) {
      throw new TemplateException(
          where + ".Runtime: is required for a function deployed as a .zip file archive");
    }
    String runtimeId = resolver.resolveString(runtime, where + ".Runtime");
    if (JavaRuntime.byId(runtimeId).isEmpty()) {
      throw new TemplateException(
          where
              + ".Runtime: '"
              + runtimeId
              + "' is not one of Lambda's Java runtimes ("
              + JavaRuntime.ids()
              + "), which the local runtime runs");
    }
    int timeout =
        integer(
            properties.get("Timeout"),
            FunctionDefinition.DEFAULT_TIMEOUT_SECONDS,
            where + ".Timeout",
            resolver);
    within(timeout, 1, 900, where + ".Timeout", "seconds");
    int memory =
        integer(
            properties.get("MemorySize"),
            FunctionDefinition.DEFAULT_MEMORY_SIZE,
            where + ".MemorySize",
            resolver);
    within(memory, 128, 10_240, where + ".MemorySize", "MB");
    checkSnapStart(properties, runtimeId, where, resolver);
    return new FunctionDefinition(
        logicalId,
        resolver.physicalName(logicalId, where),
        resolver.resolveString(handler, where + ".Handler"),
        runtimeId,
        timeout,
        memory,
        environment,
        alias == null ? null : resolver.resolveString(alias, where + ".AutoPublishAlias"),
        invokeConfig.onFailureArn(),
        architecture(properties.get("Architectures"), where + ".Architectures", resolver),
        invokeConfig.retries());
  }

  /**
   * Lambda developer guide, "Improving startup performance with Lambda SnapStart": SnapStart
   * (ApplyOn PublishedVersions or None) serves Java 11 and later among the Java runtimes, and does
   * not support provisioned concurrency, Amazon EFS or ephemeral storage over 512 MB; Lambda's
   * CreateFunction takes an EphemeralStorage of 512 to 10,240 MB.
   */
  private static void checkSnapStart(
      JsonNode properties, String runtimeId, String where, IntrinsicResolver resolver) {
    JsonNode storage = properties.at("/EphemeralStorage/Size");
    int ephemeral =
        integer(
            storage.isMissingNode() ? null : storage,
            512,
            where + ".EphemeralStorage.Size",
            resolver);
    within(ephemeral, 512, 10_240, where + ".EphemeralStorage.Size", "MB");
    JsonNode applyOn = properties.at("/SnapStart/ApplyOn");
    if (applyOn.isMissingNode()) {
      return;
    }
    String apply = resolver.resolveString(applyOn, where + ".SnapStart.ApplyOn");
    if (!apply.equals("PublishedVersions") && !apply.equals("None")) {
      throw new TemplateException(
          where + ".SnapStart.ApplyOn: must be PublishedVersions or None, got " + apply);
    }
    if (apply.equals("None")) {
      return;
    }
    String unsupported =
        runtimeId.equals("java8.al2")
            ? ".Runtime: SnapStart serves Java 11 and later, not java8.al2"
            : ephemeral > 512
                ? ".EphemeralStorage.Size: SnapStart does not support ephemeral storage over 512 MB"
                : properties.has("ProvisionedConcurrencyConfig")
                    ? ".ProvisionedConcurrencyConfig: SnapStart does not support provisioned"
                        + " concurrency"
                    : properties.has("FileSystemConfigs")
                        ? ".FileSystemConfigs: SnapStart does not support Amazon EFS"
                        : null;
    if (unsupported != null) {
      throw new TemplateException(
          where
              + unsupported
              + " (Lambda developer guide, \"Improving startup performance with Lambda"
              + " SnapStart\")");
    }
  }

  private static void within(int value, int min, int max, String where, String unit) {
    if (value < min || value > max) {
      throw new TemplateException(
          where + ": Lambda takes " + min + " to " + max + " " + unit + ", got " + value);
    }
  }

  /** A function's Environment.Variables, each a string once resolved; none when absent. */
  private static Map<String, String> environment(
      JsonNode properties, String where, IntrinsicResolver resolver) {
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode variables =
        resolver.resolve(
            properties.path("Environment").get("Variables"), where + ".Environment.Variables");
    if (variables.isMissingNode()) {
      return environment;
    }
    if (!variables.isObject()) {
      throw new TemplateException(where + ".Environment.Variables: must be a mapping");
    }
    variables
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode value = e.getValue();
              if (!value.isValueNode() || value.isNull()) {
                throw new TemplateException(
                    where
                        + ".Environment.Variables."
                        + e.getKey()
                        + ": must be a string, got "
                        + value);
              }
              environment.put(e.getKey(), value.asText());
            });
    LambdaEnvironment.check(environment, where + ".Environment.Variables");
    return environment;
  }

  /**
   * A function's Architectures: one of x86_64 (the default when absent) and arm64 (Lambda API
   * reference, CreateFunction: "The instruction set architecture ... a string array with one of the
   * valid values").
   */
  private static String architecture(JsonNode node, String where, IntrinsicResolver resolver) {
    if (node == null) {
      return FunctionDefinition.ARCHITECTURES.get(0);
    }
    if (!node.isArray() || node.size() != 1) {
      throw new TemplateException(
          where + ": must be a list of one architecture (x86_64 or arm64), got " + node);
    }
    String architecture = resolver.resolveString(node.get(0), where + "[0]");
    if (!FunctionDefinition.ARCHITECTURES.contains(architecture)) {
      throw new TemplateException(where + ": must be x86_64 or arm64, got '" + architecture + "'");
    }
    return architecture;
  }

  static int integer(JsonNode node, int defaultValue, String where, IntrinsicResolver resolver) {
    if (node == null) {
      return defaultValue;
    }
    String text = resolver.resolveString(node, where);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new TemplateException(where + ": must be a whole number, got '" + text + "'", e);
    }
  }
}
