package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS::Serverless::StateMachine of the template.
 *
 * @param definitionFile the DefinitionUri file resolved against the template's folder, or null for
 *     an inline Definition
 * @param inlineDefinition the inline Definition as JSON text, or null with a DefinitionUri
 * @param substitutions DefinitionSubstitutions with their intrinsics resolved
 * @param logsToCloudWatch whether its Logging sends execution history to a CloudWatch Logs group (a
 *     Level other than OFF, with a destination)
 */
public record StateMachineResource(
    String logicalId,
    String name,
    String type,
    String roleArn,
    Path definitionFile,
    String inlineDefinition,
    Map<String, String> substitutions,
    boolean logsToCloudWatch) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  public StateMachineResource {
    substitutions = Collections.unmodifiableMap(new LinkedHashMap<>(substitutions));
  }

  /** Whether a state machine's {@code Logging} property sends its history to CloudWatch Logs. */
  static boolean logsToCloudWatch(JsonNode logging, IntrinsicResolver resolver, String where) {
    if (logging == null) {
      return false;
    }
    JsonNode level = logging.get("Level");
    String levelName = level == null ? "OFF" : resolver.resolveString(level, where + ".Level");
    if (!LOG_LEVELS.contains(levelName)) {
      throw new TemplateException(
          where + ".Level: must be one of ALL, ERROR, FATAL, OFF, got " + levelName);
    }
    JsonNode destinations = logging.path("Destinations");
    boolean off = levelName.equals("OFF");
    if (destinations.size() > 1 || !off && destinations.isEmpty()) {
      throw new TemplateException(
          where
              + ".Destinations: one destination, and one is required unless the Level is OFF"
              + " (Step Functions API reference, LoggingConfiguration)");
    }
    for (int i = 0; i < destinations.size(); i++) {
      String at = where + ".Destinations[" + i + "].CloudWatchLogsLogGroup.LogGroupArn";
      JsonNode arn = destinations.get(i).at("/CloudWatchLogsLogGroup/LogGroupArn");
      String value = arn.isMissingNode() ? "" : resolver.resolveString(arn, at);
      if (!LOG_GROUP_ARN.matcher(value).matches()) {
        throw new TemplateException(
            at
                + ": '"
                + value
                + "' is not a log group ARN ending with :* (Step Functions API reference,"
                + " CloudWatchLogsLogGroup: \"The ARN must end with :*\"; !GetAtt <group>.Arn"
                + " gives one)");
      }
    }
    return !off;
  }

  private static final java.util.Set<String> LOG_LEVELS =
      java.util.Set.of("ALL", "ERROR", "FATAL", "OFF");

  /** CloudWatchLogsLogGroup, logGroupArn: a log group's ARN, 1 to 256 characters, ending :*. */
  private static final java.util.regex.Pattern LOG_GROUP_ARN =
      java.util.regex.Pattern.compile(
          "(?=.{1,256}$)arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:[.\\-_/#A-Za-z0-9]+:\\*");

  /** {@code arn:aws:states:<region>:<account>:stateMachine:<name>} in the {@link LocalAccount}. */
  public String arn() {
    return LocalAccount.arn("states", "stateMachine:" + name);
  }

  public Optional<Path> definitionPath() {
    return Optional.ofNullable(definitionFile);
  }

  /**
   * The definition with its {@code ${...}} placeholders substituted, as SAM deploys it.
   *
   * @throws TemplateException when the file cannot be read or a placeholder has no substitution
   */
  public String definition() {
    if (inlineDefinition != null) {
      return substitute(inlineDefinition);
    }
    try {
      return substitute(Files.readString(definitionFile));
    } catch (IOException e) {
      throw new TemplateException(
          "Resources."
              + logicalId
              + ".Properties.DefinitionUri: cannot "
              + "read "
              + definitionFile
              + ": "
              + e,
          e);
    }
  }

  /**
   * Substitutes DefinitionSubstitutions into a definition's text.
   *
   * @throws TemplateException naming every placeholder that has no substitution
   */
  public String substitute(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new TreeSet<>();
    while (matcher.find()) {
      String value = substitutions.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    if (!missing.isEmpty()) {
      throw new TemplateException(
          "Resources."
              + logicalId
              + ".Properties."
              + "DefinitionSubstitutions: no value for the definition's placeholder"
              + (missing.size() == 1 ? " " : "s ")
              + "${"
              + String.join("}, ${", missing)
              + "}");
    }
    return out.toString();
  }

  static StateMachineResource read(
      String logicalId, JsonNode resource, IntrinsicResolver resolver, Path directory) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resource.path("Properties");
    Path definitionFile = null;
    String inline = null;
    JsonNode uri = properties.get("DefinitionUri");
    JsonNode definition = properties.get("Definition");
    if (uri != null && definition != null) {
      throw new TemplateException(where + ": has both DefinitionUri and Definition");
    }
    if (uri != null) {
      JsonNode resolved = resolver.resolve(uri, where + ".DefinitionUri");
      if (!resolved.isTextual()) {
        throw new TemplateException(
            where
                + ".DefinitionUri: only a local file path is "
                + "supported locally, got "
                + resolved);
      }
      definitionFile = directory.resolve(resolved.asText()).normalize();
    } else if (definition != null) {
      try {
        inline = LocalJson.MAPPER.writeValueAsString(definition);
      } catch (IOException e) {
        throw new TemplateException(where + ".Definition: cannot be written as JSON: " + e, e);
      }
    } else {
      throw new TemplateException(where + ": needs DefinitionUri or Definition");
    }
    Map<String, String> substitutions = substitutions(properties, resolver, where);
    String name = resolver.physicalName(logicalId, where);
    String type =
        properties.has("Type")
            ? resolver.resolveString(properties.get("Type"), where + ".Type")
            : "STANDARD";
    String role =
        properties.has("Role")
            ? resolver.resolveString(properties.get("Role"), where + ".Role")
            : LocalAccount.globalArn(
                "iam", "role/" + resolver.stackName() + "-" + logicalId + "Role");
    return new StateMachineResource(
        logicalId,
        name,
        type,
        role,
        definitionFile,
        inline,
        substitutions,
        logsToCloudWatch(properties.get("Logging"), resolver, where + ".Logging"));
  }

  /** A state machine's DefinitionSubstitutions, their intrinsics resolved. */
  private static Map<String, String> substitutions(
      JsonNode properties, IntrinsicResolver resolver, String where) {
    Map<String, String> substitutions = new LinkedHashMap<>();
    JsonNode declared = properties.get("DefinitionSubstitutions");
    if (declared != null) {
      if (!declared.isObject()) {
        throw new TemplateException(where + ".DefinitionSubstitutions: must be a mapping");
      }
      declared
          .fields()
          .forEachRemaining(
              e ->
                  substitutions.put(
                      e.getKey(),
                      resolver.resolveString(
                          e.getValue(), where + ".DefinitionSubstitutions." + e.getKey())));
    }
    return substitutions;
  }
}
