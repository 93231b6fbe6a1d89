package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.permissions.ServiceDeliveries;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.ScheduleResource;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * EventBridge Scheduler for the template's schedules whose target is one of its state machines: a
 * run of a schedule starts the target as Scheduler would, as the schedule's role. Scheduler must be
 * trusted by the role ({@code sts:AssumeRole} for {@code scheduler.amazonaws.com}, with {@code
 * aws:SourceAccount} and {@code aws:SourceArn} the schedule's) and the role must allow {@code
 * states:StartExecution} on the target; a start that cannot be made goes, after the schedule's
 * retries, to its dead-letter queue when the role may send there ({@code sqs:SendMessage}), and is
 * otherwise lost (Scheduler user guide, "Set up the execution role" and "Configuring a schedule's
 * dead-letter queue"). Only the role's inline policies are read: what an attached managed policy
 * would allow is not counted.
 */
public final class ScheduledStarts {

  /** What one run of a schedule came to. */
  public sealed interface Outcome {

    /** The target started: its execution. */
    record Started(Execution execution) implements Outcome {}

    /** The start could not be made; the dead-letter event went to this queue with the error. */
    record DeadLettered(String queueArn, String error) implements Outcome {}

    /** The start could not be made and nothing kept it. */
    record Lost(String error) implements Outcome {}
  }

  private final SamTemplate template;
  private final LocalWorkflowRuntime runtime;

  ScheduledStarts(SamTemplate template, LocalWorkflowRuntime runtime) {
    this.template = template;
    this.runtime = runtime;
  }

  /**
   * Runs the schedule once, now.
   *
   * @throws IllegalArgumentException when the template has no such schedule, it is DISABLED (then
   *     Scheduler does not invoke it), or its target is not one of the template's state machines
   */
  public Outcome run(String scheduleLogicalId) {
    ScheduleResource schedule =
        template.schedules().stream()
            .filter(s -> s.logicalId().equals(scheduleLogicalId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the template has no schedule " + scheduleLogicalId));
    if (!schedule.enabled()) {
      throw new IllegalArgumentException(
          scheduleLogicalId + " is DISABLED (its State), so EventBridge Scheduler does not run it");
    }
    StateMachine target =
        runtime.stepFunctions().stateMachines().values().stream()
            .filter(machine -> machine.arn().equals(schedule.targetArn()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        scheduleLogicalId
                            + " starts "
                            + schedule.targetArn()
                            + ", which is no state machine of the template"));
    Optional<String> untrusted =
        ServiceDeliveries.assumeRefusal(
            template, ServiceDeliveries.SCHEDULER, schedule.arn(), schedule.roleArn());
    if (untrusted.isPresent()) {
      return new Outcome.Lost(untrusted.get());
    }
    Optional<String> denial = asTheRole(schedule, "states:StartExecution", schedule.targetArn());
    if (denial.isEmpty()) {
      return new Outcome.Started(
          runtime.engine().start(target, executionName(schedule), input(schedule)));
    }
    String error = "AccessDeniedException: " + denial.get();
    if (schedule.deadLetterQueue().isEmpty()) {
      return new Outcome.Lost(error + "; the schedule has no dead-letter queue");
    }
    String queue = schedule.deadLetterArn();
    Optional<String> unsendable = asTheRole(schedule, "sqs:SendMessage", queue);
    return unsendable.isPresent()
        ? new Outcome.Lost(error + "; and " + unsendable.get())
        : new Outcome.DeadLettered(queue, error);
  }

  private Optional<String> asTheRole(ScheduleResource schedule, String action, String resource) {
    return ServiceDeliveries.roleRefusal(
        template,
        ServiceDeliveries.SCHEDULER,
        schedule.arn(),
        schedule.roleArn(),
        action,
        resource);
  }

  /** Scheduler names each execution it starts anew; locally from the schedule and the time. */
  private String executionName(ScheduleResource schedule) {
    String seed = schedule.arn() + "@" + runtime.clock().instant();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static JsonNode input(ScheduleResource schedule) {
    if (schedule.input() == null) {
      return LocalJson.MAPPER.createObjectNode();
    }
    try {
      return LocalJson.MAPPER.readTree(schedule.input());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          schedule.logicalId() + ": Target.Input is not JSON: " + LocalJson.problem(e), e);
    }
  }
}
