package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.util.Optional;

/**
 * An AWS::Scheduler::Schedule of the template, its intrinsics resolved.
 *
 * @param name the schedule's name (its Name, else its logical id)
 * @param targetArn what it starts (Target.Arn)
 * @param roleArn the role EventBridge Scheduler starts it as (Target.RoleArn)
 * @param input the target's input (Target.Input), or null
 * @param deadLetterArn the queue of the starts it could not make (Target.DeadLetterConfig.Arn), or
 *     null
 */
public record ScheduleResource(
    String logicalId,
    String name,
    String targetArn,
    String roleArn,
    String input,
    String deadLetterArn) {

  static ScheduleResource read(String logicalId, JsonNode resolved) {
    JsonNode properties = resolved.path("Properties");
    JsonNode target = properties.path("Target");
    String where = "Resources." + logicalId + ".Properties.Target";
    if (!target.path("Arn").isTextual() || !target.path("RoleArn").isTextual()) {
      throw new TemplateException(where + ": needs Arn and RoleArn");
    }
    JsonNode expression = properties.path("ScheduleExpression");
    if (!expression.isTextual()) {
      throw new TemplateException(
          "Resources." + logicalId + ".Properties.ScheduleExpression: is required");
    }
    ScheduleExpressions.check(
        expression.asText(), "Resources." + logicalId + ".Properties.ScheduleExpression");
    return new ScheduleResource(
        logicalId,
        properties.path("Name").asText(logicalId),
        target.path("Arn").asText(),
        target.path("RoleArn").asText(),
        target.path("Input").asText(null),
        target.at("/DeadLetterConfig/Arn").asText(null));
  }

  /** The schedule's ARN in the default schedule group. */
  public String arn() {
    return LocalAccount.arn("scheduler", "schedule/default/" + name);
  }

  public Optional<String> deadLetterQueue() {
    return Optional.ofNullable(deadLetterArn);
  }
}
