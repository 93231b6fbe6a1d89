package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.runtime.ExecutionEndEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule written as a plain AWS::Events::Rule gets no grant from SAM: EventBridge starts a state
 * machine as the target's RoleArn, which must trust events.amazonaws.com and allow
 * states:StartExecution (EventBridge user guide, "IAM roles for sending events to targets"), and
 * invokes a function only if the function's resource policy, an AWS::Lambda::Permission, lets it
 * for the rule ("Using resource-based policies for Amazon EventBridge"). Otherwise the event goes
 * to the target's dead-letter queue after the retries, or is lost. SAM's own EventBridgeRule
 * events, which the template uses, come with both grants.
 */
class RuleTargetGrantsTest {

  /** Where the resources under test are added: before the HR dead-letter queue. */
  private static final String ANCHOR = "  HrEventsDeadLetterQueue:\n    Type: AWS::SQS::Queue\n";

  private static final String HIRE_RULE =
      "  PlainHireRule:\n"
          + "    Type: AWS::Events::Rule\n"
          + "    Properties:\n"
          + "      EventBusName: !If [CreatesHrEventBus, !Ref HrEventBus, !Ref HrEventBusName]\n"
          + "      EventPattern:\n"
          + "        source: [!Ref HrEventSource]\n"
          + "        detail-type: [Employee Hired]\n"
          + "      Targets:\n"
          + "        - Id: Lifecycle\n"
          + "          Arn: !Ref StudioUserLifecycleStateMachine\n"
          + "ROLE"
          + "          DeadLetterConfig:\n"
          + "            Arn: !GetAtt HrEventsDeadLetterQueue.Arn\n\n";

  private static final String HIRE_ROLE =
      LifecycleSimulation.templateRole(
          "PlainHireRole",
          "events.amazonaws.com",
          "states:StartExecution",
          "!Ref StudioUserLifecycleStateMachine");

  private static final String WITH_ROLE = "          RoleArn: !GetAtt PlainHireRole.Arn\n";

  private static final String END_RULE =
      "  PlainExecutionEndRule:\n"
          + "    Type: AWS::Events::Rule\n"
          + "    Properties:\n"
          + "      EventBusName: default\n"
          + "      EventPattern:\n"
          + "        source: [aws.states]\n"
          + "        detail-type: [Step Functions Execution Status Change]\n"
          + "        detail:\n"
          + "          status: [FAILED]\n"
          + "      Targets:\n"
          + "        - Id: ExecutionEnd\n"
          + "          Arn: !GetAtt ExecutionEndFunction.Arn\n\n";

  private static final String END_PERMISSION =
      "  PlainExecutionEndPermission:\n"
          + "    Type: AWS::Lambda::Permission\n"
          + "    Properties:\n"
          + "      FunctionName: !Ref ExecutionEndFunction\n"
          + "      Action: lambda:InvokeFunction\n"
          + "      Principal: events.amazonaws.com\n"
          + "      SourceArn: !GetAtt PlainExecutionEndRule.Arn\n\n";

  @TempDir Path project;

  @Test
  void aPlainRuleStartsTheStateMachineAsARoleThatMayStartIt() {
    Path deployment = deploy("granted", HIRE_RULE.replace("ROLE", WITH_ROLE) + HIRE_ROLE);

    assertThat(plainRuleOutcome(deployment)).isInstanceOf(Outcome.StartedByRule.class);
  }

  @Test
  void aPlainRuleWhoseRoleMayNotStartTheStateMachineKeepsTheEventInItsDeadLetterQueue() {
    Path deployment =
        deploy(
            "not-allowed",
            HIRE_RULE.replace("ROLE", WITH_ROLE)
                + HIRE_ROLE.replace(
                    "Resource: !Ref StudioUserLifecycleStateMachine",
                    "Resource: !Ref ReconcileStateMachine"));

    assertThat(plainRuleOutcome(deployment))
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered -> {
              assertThat(notDelivered.why())
                  .contains(":role/PlainHireRole is not authorized to perform:")
                  .contains("states:StartExecution");
              assertThat(notDelivered.keptIn()).endsWith(":HrEventsDeadLetterQueue");
            });
  }

  @Test
  void aPlainRuleWithoutARoleCannotStartTheStateMachine() {
    Path deployment = deploy("no-role", HIRE_RULE.replace("ROLE", "") + HIRE_ROLE);

    assertThat(plainRuleOutcome(deployment))
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered -> assertThat(notDelivered.why()).startsWith("no role is given for "));
  }

  @Test
  void aRoleThatDoesNotTrustEventBridgeCannotBeAssumed() {
    Path deployment =
        deploy(
            "untrusted",
            HIRE_RULE.replace("ROLE", WITH_ROLE)
                + HIRE_ROLE.replace("events.amazonaws.com", "scheduler.amazonaws.com"));

    assertThat(plainRuleOutcome(deployment))
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered ->
                assertThat(notDelivered.why())
                    .startsWith("events.amazonaws.com may not assume ")
                    .contains("PlainHireRole"));
  }

  @Test
  void aPlainRuleInvokesAFunctionOnlyWithALambdaPermissionForIt() {
    List<ExecutionEndEvents.Undelivered> without = endsOf(deploy("no-permission", END_RULE));
    assertThat(without)
        .singleElement()
        .satisfies(
            undelivered -> {
              assertThat(undelivered.rule()).isEqualTo("PlainExecutionEndRule");
              assertThat(undelivered.why())
                  .startsWith("no AWS::Lambda::Permission of ")
                  .contains("lets events.amazonaws.com invoke ");
              assertThat(undelivered.keptIn()).isNull();
            });

    assertThat(endsOf(deploy("permitted", END_RULE + END_PERMISSION))).isEmpty();
    assertThat(
            endsOf(
                deploy(
                    "other-source",
                    END_RULE
                        + END_PERMISSION.replace(
                            "!GetAtt PlainExecutionEndRule.Arn",
                            "!GetAtt HrEventsUnusableRule.Arn"))))
        .hasSize(1);
  }

  /**
   * A permission holds for what it names: the function's does not let EventBridge invoke its alias
   * (Lambda developer guide, "Using Lambda aliases in event sources and permissions policies").
   */
  @Test
  void aPermissionOnTheFunctionDoesNotCoverItsAlias() {
    String toAlias =
        END_RULE.replace(
            "Arn: !GetAtt ExecutionEndFunction.Arn", "Arn: !Ref ExecutionEndFunction.Alias");
    assertThat(endsOf(deploy("function-only", toAlias + END_PERMISSION)))
        .singleElement()
        .satisfies(
            undelivered ->
                assertThat(undelivered.why())
                    .contains(" invoke ")
                    .contains("ExecutionEndFunction"));
    assertThat(
            endsOf(
                deploy(
                    "alias",
                    toAlias
                        + END_PERMISSION.replace(
                            "FunctionName: !Ref ExecutionEndFunction",
                            "FunctionName: !Ref ExecutionEndFunction.Alias"))))
        .isEmpty();
  }

  private Path deploy(String name, String resources) {
    Path deployment = project.resolve(name);
    LifecycleSimulation.deployEdited(deployment, Map.of(ANCHOR, resources + ANCHOR));
    return deployment;
  }

  /** A hire delivered on the HR bus: what the plain rule did with it (the SAM rule also starts). */
  private Outcome plainRuleOutcome(Path deployment) {
    List<Outcome> outcomes =
        LifecycleSimulation.deliverHrEvent(
            deployment, LifecycleSimulation.PROJECT_ROOT.resolve("events/hr/employee-hired.json"));
    List<Outcome> plain =
        outcomes.stream().filter(outcome -> outcome.said().contains(" PlainHireRule ")).toList();
    assertThat(plain).as("what the plain rule did, of %s", outcomes).hasSize(1);
    return plain.get(0);
  }

  /** An invalid request fails: what EventBridge could not deliver of its end. */
  private static List<ExecutionEndEvents.Undelivered> endsOf(Path deployment) {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(deployment, "studio-domains.json", Map.of())) {
      Execution execution = simulation.run("invalid-request.json");
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      return simulation.runtime().undeliveredEvents();
    }
  }
}
