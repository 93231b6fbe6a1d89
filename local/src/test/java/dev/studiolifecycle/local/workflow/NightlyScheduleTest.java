package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.ReconcileRun;
import dev.studiolifecycle.local.runtime.ScheduledStarts;
import dev.studiolifecycle.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nightly reconcile is started by EventBridge Scheduler as the schedule's role, which Scheduler
 * must be trusted to assume and which must allow states:StartExecution on the reconcile; a night
 * that cannot start goes to the schedule's dead-letter queue (which the ReconcileNotStarted alarm
 * watches) when the role may send there, and is lost otherwise (Scheduler user guide, "Set up the
 * execution role", "Configuring a schedule's dead-letter queue").
 */
class NightlyScheduleTest {

  private static final String START_ONLY_THE_RECONCILE =
      "                Action: states:StartExecution\n"
          + "                Resource: !Ref ReconcileStateMachine\n";
  private static final String STARTS_THE_LIFECYCLE_INSTEAD =
      "                Action: states:StartExecution\n"
          + "                Resource: !Ref StudioUserLifecycleStateMachine\n";
  private static final String MAY_KEEP_A_NIGHT =
      "                Action: sqs:SendMessage\n"
          + "                Resource: !GetAtt ReconcileScheduleDeadLetterQueue.Arn\n";

  @TempDir Path project;

  @Test
  void theTemplatesScheduleStartsTheReconcileWithItsInput() {
    LifecycleSimulation.deployEdited(project, Map.of());

    ScheduledStarts.Outcome outcome = runNightly();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScheduledStarts.Outcome.Started.class,
            started -> {
              assertThat(started.execution().stateMachine().name())
                  .isEqualTo("studio-lifecycle-Reconcile");
              assertThat(started.execution().input().toString()).isEqualTo("{\"mode\":\"PLAN\"}");
            });
  }

  @Test
  void aRoleThatMayNotStartTheReconcileSendsTheNightToTheDeadLetterQueue() {
    LifecycleSimulation.deployEdited(
        project, Map.of(START_ONLY_THE_RECONCILE, STARTS_THE_LIFECYCLE_INSTEAD));

    ScheduledStarts.Outcome outcome = runNightly();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScheduledStarts.Outcome.DeadLettered.class,
            letter -> {
              assertThat(letter.queueArn()).endsWith(":ReconcileScheduleDeadLetterQueue");
              assertThat(letter.error())
                  .contains("AccessDeniedException")
                  .contains("states:StartExecution")
                  .contains("stateMachine:studio-lifecycle-Reconcile");
            });
  }

  /** The demo's nightly run goes through the schedule: a night that cannot start says why. */
  @Test
  void aReconcileRunThroughTheScheduleThatCannotStartSaysWhyAndWhereTheNightWent() {
    LifecycleSimulation.deployEdited(
        project, Map.of(START_ONLY_THE_RECONCILE, STARTS_THE_LIFECYCLE_INSTEAD));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "reconcile.json", Map.of())) {
      assertThatThrownBy(
              () ->
                  ReconcileRun.runScheduled(
                      simulation.runtime(), "NightlyReconcileSchedule", progress -> {}))
          .isInstanceOf(BadInput.class)
          .hasMessageContaining("the schedule could not start the reconcile (AccessDeniedException")
          .hasMessageContaining("states:StartExecution")
          .hasMessageEndingWith(":ReconcileScheduleDeadLetterQueue");
      assertThat(simulation.runtime().engine().executions()).isEmpty();
    }
  }

  private static final String SCHEDULER_ROLE =
      "      Description: What EventBridge Scheduler starts the nightly reconcile as.\n";
  private static final String ANCHOR = "  HrEventsDeadLetterQueue:\n    Type: AWS::SQS::Queue\n";

  /** The role's ManagedPolicyArns allow what their documents allow (a template policy here). */
  @Test
  void aManagedPolicyOfTheRoleMayGrantTheStart() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            START_ONLY_THE_RECONCILE,
            STARTS_THE_LIFECYCLE_INSTEAD,
            SCHEDULER_ROLE,
            SCHEDULER_ROLE + "      ManagedPolicyArns: [!Ref StartPolicy]\n",
            ANCHOR,
            LifecycleSimulation.templateManagedPolicy("StartPolicy", "states:StartExecution", null)
                + ANCHOR));

    assertThat(runNightly()).isInstanceOf(ScheduledStarts.Outcome.Started.class);
  }

  /** The role's permissions boundary limits what Scheduler may do as it. */
  @Test
  void theRolesBoundaryMayForbidTheStart() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            SCHEDULER_ROLE,
            SCHEDULER_ROLE + "      PermissionsBoundary: !Ref SchedulerBoundary\n",
            ANCHOR,
            LifecycleSimulation.templateManagedPolicy(
                    "SchedulerBoundary", "'*'", "states:StartExecution")
                + ANCHOR));

    assertThat(runNightly())
        .isInstanceOfSatisfying(
            ScheduledStarts.Outcome.DeadLettered.class,
            letter ->
                assertThat(letter.error())
                    .contains("is not authorized to perform: states:StartExecution")
                    .contains("with an explicit deny in a permissions boundary"));
  }

  @Test
  void withoutLeaveToSendToTheQueueTheNightIsLost() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            START_ONLY_THE_RECONCILE,
            STARTS_THE_LIFECYCLE_INSTEAD,
            MAY_KEEP_A_NIGHT,
            "                Action: sqs:GetQueueUrl\n"
                + "                Resource: !GetAtt ReconcileScheduleDeadLetterQueue.Arn\n"));

    ScheduledStarts.Outcome outcome = runNightly();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScheduledStarts.Outcome.Lost.class,
            lost -> assertThat(lost.error()).contains("sqs:SendMessage"));
  }

  @Test
  void aRoleThatDoesNotTrustSchedulerOfThisAccountStartsNothing() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            "            Condition:\n"
                + "              StringEquals:\n"
                + "                aws:SourceAccount: !Ref AWS::AccountId\n"
                + "      Policies:\n"
                + "        - PolicyName: StartTheReconcile\n",
            "            Condition:\n"
                + "              StringEquals:\n"
                + "                aws:SourceAccount: '111122223333'\n"
                + "      Policies:\n"
                + "        - PolicyName: StartTheReconcile\n"));

    ScheduledStarts.Outcome outcome = runNightly();

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ScheduledStarts.Outcome.Lost.class,
            lost -> assertThat(lost.error()).contains("scheduler.amazonaws.com may not assume"));
  }

  /**
   * Six fields pass the parameter's pattern, but Scheduler's CreateSchedule refuses a cron with
   * {@code *} in both day fields: so does the local deployment, naming the schedule.
   */
  @Test
  void aCronThatSchedulerRefusesFailsTheDeployment() {
    LifecycleSimulation.deployEdited(project, Map.of());

    assertThatThrownBy(
            () ->
                LifecycleSimulation.of(
                        project, "reconcile.json", Map.of("ReconcileSchedule", "cron(0 2 * * * *)"))
                    .close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.NightlyReconcileSchedule.Properties.ScheduleExpression")
        .hasMessageContaining("exactly one of day-of-month and day-of-week must be ?");
  }

  /**
   * The schedule's other properties are held to CreateSchedule's rules, and the rule targets' retry
   * policies to PutTargets' (EventBridge Scheduler API reference: FlexibleTimeWindow, RetryPolicy;
   * EventBridge API reference, RetryPolicy; CloudFormation, AWS::Scheduler::Schedule), each refusal
   * naming the property. In {@code from} and {@code to}, {@code \\n} is a line break.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "RetryPolicy:\\n          MaximumRetryAttempts: 10|"
            + "RetryPolicy:\\n          MaximumRetryAttempts: 186|"
            + "NightlyReconcileSchedule with message: #/Target/RetryPolicy/MaximumRetryAttempts: 186"
            + " is not less or equal to 185",
        "          MaximumEventAgeInSeconds: 3600\\n        # A night|"
            + "          MaximumEventAgeInSeconds: 59\\n        # A night|"
            + "NightlyReconcileSchedule with message:"
            + " #/Target/RetryPolicy/MaximumEventAgeInSeconds: 59 is not greater or equal to 60",
        "Mode: 'OFF'|Mode: SOMETIMES|"
            + "NightlyReconcileSchedule with message: #/FlexibleTimeWindow/Mode: SOMETIMES is not a"
            + " valid enum value",
        "Mode: 'OFF'|Mode: FLEXIBLE|"
            + "NightlyReconcileSchedule.Properties.FlexibleTimeWindow.MaximumWindowInMinutes:"
            + " is required when Mode is FLEXIBLE",
        "Mode: 'OFF'|Mode: FLEXIBLE\\n        MaximumWindowInMinutes: 1441|"
            + "NightlyReconcileSchedule with message:"
            + " #/FlexibleTimeWindow/MaximumWindowInMinutes: 1441 is not less or equal to 1440",
        "State: ENABLED|State: PAUSED|"
            + "NightlyReconcileSchedule with message: #/State: PAUSED is not a valid enum value",
        "State: ENABLED|State: ENABLED\\n      Name: nightly reconcile|"
            + "NightlyReconcileSchedule with message: #/Name: failed validation constraint for"
            + " keyword [pattern]",
        "RetryPolicy:\\n              MaximumRetryAttempts: 10|"
            + "RetryPolicy:\\n              MaximumRetryAttempts: 186|"
            // The SAM event's RetryPolicy, as the target of the rule SAM generates for it.
            + "Resources.ExecutionEndFunction.Properties.Events.ExecutionEnded: CloudFormation"
            + " refuses it: Properties validation failed for resource"
            + " ExecutionEndFunctionExecutionEnded with message:"
            + " #/Targets/0/RetryPolicy/MaximumRetryAttempts: 186 is not less or equal to 185"
      })
  void aScheduleOrRuleTargetAwsWouldRefuseFailsTheDeployment(
      String from, String to, String refusal) {
    LifecycleSimulation.assertThatDeploymentRefused(project, from, to)
        .hasMessageContaining(refusal);
  }

  /** Scheduler invokes a DISABLED schedule never, so it cannot be run either. */
  @Test
  void aDisabledScheduleDoesNotRun() {
    LifecycleSimulation.deployEdited(project, Map.of("State: ENABLED", "State: DISABLED"));

    assertThatThrownBy(this::runNightly)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "NightlyReconcileSchedule is DISABLED (its State), so EventBridge Scheduler does not"
                + " run it");
  }

  private ScheduledStarts.Outcome runNightly() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "reconcile.json", Map.of())) {
      return simulation.runtime().runSchedule("NightlyReconcileSchedule");
    }
  }
}
