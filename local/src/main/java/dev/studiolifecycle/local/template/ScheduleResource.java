package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AWS::Scheduler::Schedule of the template, its intrinsics resolved.
 *
 * @param name the schedule's name (its Name, else its logical id)
 * @param targetArn what it starts (Target.Arn)
 * @param roleArn the role EventBridge Scheduler starts it as (Target.RoleArn)
 * @param input the target's input (Target.Input), or null
 * @param deadLetterArn the queue of the starts it could not make (Target.DeadLetterConfig.Arn), or
 *     null
 * @param enabled its State is ENABLED (the default): Scheduler invokes a DISABLED schedule never
 */
public record ScheduleResource(
    String logicalId,
    String name,
    String targetArn,
    String roleArn,
    String input,
    String deadLetterArn,
    boolean enabled) {

  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");

  /**
   * The schedule as CreateSchedule takes it (EventBridge Scheduler API reference: CreateSchedule,
   * FlexibleTimeWindow, RetryPolicy; CloudFormation, AWS::Scheduler::Schedule): a Name of 1 to 64
   * of {@code [0-9a-zA-Z-_.]}, a ScheduleExpression, a FlexibleTimeWindow whose Mode is OFF or
   * FLEXIBLE, a State of ENABLED or DISABLED, a Target with Arn and RoleArn, and a RetryPolicy
   * within its ranges.
   *
   * @throws TemplateException naming the property and the rule
   */
  static ScheduleResource read(String logicalId, JsonNode resolved) {
    JsonNode properties = resolved.path("Properties");
    JsonNode target = properties.path("Target");
    String at = "Resources." + logicalId + ".Properties";
    String where = at + ".Target";
    if (!target.path("Arn").isTextual() || !target.path("RoleArn").isTextual()) {
      throw new TemplateException(where + ": needs Arn and RoleArn");
    }
    JsonNode expression = properties.path("ScheduleExpression");
    if (!expression.isTextual()) {
      throw new TemplateException(at + ".ScheduleExpression: is required");
    }
    ScheduleExpressions.check(expression.asText(), at + ".ScheduleExpression");
    String name = properties.path("Name").asText(logicalId);
    if (!NAME.matcher(name).matches()) {
      throw new TemplateException(
          at + ".Name: '" + name + "' must be 1 to 64 letters, digits, '-', '_' or '.'");
    }
    checkTimeWindow(properties.path("FlexibleTimeWindow"), at + ".FlexibleTimeWindow");
    String state = properties.path("State").asText("ENABLED");
    if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw new TemplateException(at + ".State: must be ENABLED or DISABLED, got '" + state + "'");
    }
    RetryPolicies.check(target.path("RetryPolicy"), where + ".RetryPolicy");
    return new ScheduleResource(
        logicalId,
        name,
        target.path("Arn").asText(),
        target.path("RoleArn").asText(),
        target.path("Input").asText(null),
        target.at("/DeadLetterConfig/Arn").asText(null),
        state.equals("ENABLED"));
  }

  /**
   * FlexibleTimeWindow is required, its Mode OFF or FLEXIBLE; MaximumWindowInMinutes, 1 to 1,440,
   * is the window of a FLEXIBLE schedule. The API reference marks it optional and is silent on a
   * FLEXIBLE window without it, so that is refused (the stricter reading).
   */
  private static void checkTimeWindow(JsonNode window, String where) {
    if (!window.isObject()) {
      throw new TemplateException(where + ": is required (Mode OFF or FLEXIBLE)");
    }
    String mode = window.path("Mode").asText("");
    if (!mode.equals("OFF") && !mode.equals("FLEXIBLE")) {
      throw new TemplateException(where + ".Mode: must be OFF or FLEXIBLE, got '" + mode + "'");
    }
    JsonNode minutes = window.get("MaximumWindowInMinutes");
    if (mode.equals("FLEXIBLE") && minutes == null) {
      throw new TemplateException(
          where + ".MaximumWindowInMinutes: is required when Mode is FLEXIBLE");
    }
    RetryPolicies.wholeNumber(minutes, 1, 1_440, where + ".MaximumWindowInMinutes");
  }

  /** The schedule's ARN in the default schedule group. */
  public String arn() {
    return LocalAccount.arn("scheduler", "schedule/default/" + name);
  }

  public Optional<String> deadLetterQueue() {
    return Optional.ofNullable(deadLetterArn);
  }
}
