package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.permissions.ServiceDeliveries;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.RuleTarget;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.ScheduleResource;
import dev.studiolifecycle.local.template.SnsSubscription;
import dev.studiolifecycle.local.template.TopicResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every delivery AWS makes on the template's behalf, checked with the grants AWS reads for it. A
 * template whose alarm may not publish to its topic, whose rule's target or dead-letter queue
 * refuses EventBridge, whose schedule's role may not start its target or whose function's role may
 * not keep its failed invocations deploys without a word; at run time the alarm, event or record is
 * dropped (only a metric counts it). These checks say so before {@code sam deploy}.
 */
public final class DeliveryChecks {

  /** The alarm actions CloudWatch publishes (AWS::CloudWatch::Alarm). */
  private static final List<String> ALARM_ACTIONS =
      List.of("AlarmActions", "OKActions", "InsufficientDataActions");

  /** One delivery: who delivers what where, and why AWS would drop it, if it would. */
  public record Check(String delivery, Optional<String> problem) {}

  private DeliveryChecks() {}

  /**
   * The deliveries of a deployed template: {@link #ofTemplate}, and each function's failed
   * asynchronous invocations to its OnFailure queue, as the deployment's IAM evaluates them.
   */
  public static List<Check> of(LocalWorkflowRuntime runtime) {
    List<Check> checks = new ArrayList<>(ofTemplate(runtime.template()));
    for (FunctionDefinition function : runtime.template().functions().values()) {
      if (function.onFailureDestination().isPresent()) {
        FailedInvocationDestination destination =
            runtime.failedInvocationDestination(function.logicalId());
        checks.add(
            new Check(
                "Lambda: "
                    + function.logicalId()
                    + "'s failed invocations -> "
                    + function.onFailureDestination().get(),
                destination instanceof FailedInvocationDestination.Lost lost
                    ? Optional.of(lost.why())
                    : Optional.empty()));
      }
    }
    return checks;
  }

  /**
   * The deliveries the template alone decides: alarms to their topics, the metrics their alarms
   * watch ({@link AlarmMetrics}), rules to their targets and dead-letter queues, SNS subscriptions'
   * dead-letter queues, schedules to their targets and dead-letter queues.
   */
  public static List<Check> ofTemplate(SamTemplate template) {
    List<Check> checks = new ArrayList<>(alarms(template));
    checks.addAll(AlarmMetrics.of(template));
    for (EventRuleResource rule : template.eventRules()) {
      for (RuleTarget target : rule.targets()) {
        String by = "EventBridge: rule " + rule.logicalId();
        checks.add(
            new Check(
                by + " -> " + target.arn(),
                ServiceDeliveries.deliveryRefusal(template, rule, target)));
        deadLetters(
            checks,
            by,
            target.deadLetterQueue(),
            queue ->
                ServiceDeliveries.queueRefusal(
                    template, ServiceDeliveries.EVENTBRIDGE, rule.arn(), queue));
      }
    }
    for (SnsSubscription subscription : template.snsSubscriptions()) {
      deadLetters(
          checks,
          "SNS: " + subscription.functionLogicalId() + "." + subscription.eventName(),
          subscription.deadLetterQueue(),
          queue ->
              ServiceDeliveries.queueRefusal(
                  template, "sns.amazonaws.com", subscription.topicArn(), queue));
    }
    for (ScheduleResource schedule : template.schedules()) {
      checks.addAll(schedule(template, schedule));
    }
    return checks;
  }

  /** Each alarm action that is one of the template's topics. */
  private static List<Check> alarms(SamTemplate template) {
    Set<String> topics =
        template.topics().stream().map(TopicResource::arn).collect(Collectors.toSet());
    List<Check> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : template.resolvedResources().entrySet()) {
      JsonNode alarm = entry.getValue();
      if (!alarm.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
        continue;
      }
      String name = alarm.at("/Properties/AlarmName").asText(entry.getKey());
      String alarmArn = LocalAccount.arn("cloudwatch", "alarm:" + name);
      for (String actions : ALARM_ACTIONS) {
        for (JsonNode action : alarm.path("Properties").path(actions)) {
          if (topics.contains(action.asText())) {
            checks.add(
                new Check(
                    "CloudWatch: alarm " + entry.getKey() + " -> " + action.asText(),
                    ServiceDeliveries.topicRefusal(
                        template, ServiceDeliveries.CLOUDWATCH, alarmArn, action.asText())));
          }
        }
      }
    }
    return checks;
  }

  /** A schedule starts its target as its role, and sends what it cannot start to its queue. */
  private static List<Check> schedule(SamTemplate template, ScheduleResource schedule) {
    String by = "Scheduler: schedule " + schedule.logicalId();
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            by + " -> " + schedule.targetArn(),
            ServiceDeliveries.roleRefusal(
                template,
                ServiceDeliveries.SCHEDULER,
                schedule.arn(),
                schedule.roleArn(),
                "states:StartExecution",
                schedule.targetArn())));
    deadLetters(
        checks,
        by,
        schedule.deadLetterQueue(),
        queue ->
            ServiceDeliveries.roleRefusal(
                template,
                ServiceDeliveries.SCHEDULER,
                schedule.arn(),
                schedule.roleArn(),
                "sqs:SendMessage",
                queue));
    return checks;
  }

  /** The delivery of what {@code by} could not deliver to its dead-letter queue, if it has one. */
  private static void deadLetters(
      List<Check> checks,
      String by,
      Optional<String> queue,
      Function<String, Optional<String>> refusal) {
    queue.ifPresent(
        arn -> checks.add(new Check(by + "'s dead letters -> " + arn, refusal.apply(arn))));
  }
}
