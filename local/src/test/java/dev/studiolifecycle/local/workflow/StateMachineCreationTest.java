package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What CreateStateMachine checks of a state machine's role when the stack creates it, so that a
 * template AWS would refuse to deploy does not deploy locally either: the managed rule of its
 * {@code .sync} tasks, and the log delivery of a state machine that logs to CloudWatch Logs.
 */
class StateMachineCreationTest {

  private static final String FIRST_LOG_DELIVERY_ACTION =
      "                - logs:CreateLogDelivery\n";

  @TempDir Path project;

  /**
   * The Map Run's children wait for lifecycle executions with {@code startExecution.sync:2}, whose
   * end EventBridge tells through a managed rule that Step Functions creates with the state
   * machine: CreateStateMachine refuses a role that may not (AccessDeniedException "... is not
   * authorized to create managed-rule."), so the deployment fails, naming the role and the action.
   */
  @Test
  void aRoleThatCannotCreateTheManagedRuleOfItsSyncTasksIsRefusedAtDeployment() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            "Action: [events:PutTargets, events:PutRule, events:DescribeRule]",
            "Action: [events:PutTargets, events:DescribeRule]"));

    assertThatThrownBy(() -> LifecycleSimulation.of(project, "reconcile.json", Map.of()).close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.ReconcileStateMachine: CreateStateMachine answered")
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("is not authorized to create managed-rule")
        .hasMessageContaining("events:PutRule")
        .hasMessageContaining("StepFunctionsGetEventsForStepFunctionsExecutionRule");
  }

  /**
   * Developer guide, "Logging using CloudWatch Logs": the role of a state machine that logs needs
   * the CloudWatch Logs delivery actions; CreateStateMachine refuses it otherwise ("The state
   * machine IAM Role is not authorized to access the Log Destination").
   */
  @Test
  void aStateMachineThatLogsIsRefusedWhenItsRoleCannotSetUpTheLogDelivery() {
    LifecycleSimulation.deployEdited(project, Map.of(FIRST_LOG_DELIVERY_ACTION, ""));

    assertThatThrownBy(
            () -> LifecycleSimulation.of(project, "studio-domains.json", Map.of()).close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("CreateStateMachine answered AccessDeniedException")
        .hasMessageContaining("not authorized to access the Log Destination")
        .hasMessageContaining("logs:CreateLogDelivery");
  }

  @Test
  void aStateMachineWhoseLoggingIsOffNeedsNoLogDelivery() {
    LifecycleSimulation.deployEdited(
        project, Map.of(FIRST_LOG_DELIVERY_ACTION, "", "Level: ALL", "Level: 'OFF'"));

    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "studio-domains.json", Map.of())) {
      assertThat(simulation.runtime().stepFunctions().stateMachines())
          .containsKeys("StudioUserLifecycleStateMachine", "ReconcileStateMachine");
    }
  }

  /**
   * Step Functions API reference, CloudWatchLogsLogGroup: "The ARN must end with :*". An ARN built
   * by hand from the log group's name lacks it (!GetAtt gives it), and CreateStateMachine refuses
   * the logging configuration.
   */
  @Test
  void aLogDestinationWhoseArnDoesNotEndWithColonStarIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "              LogGroupArn: !GetAtt StateMachineLogGroup.Arn\n",
            "              LogGroupArn: !Sub"
                + " arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${StateMachineLogGroup}\n")
        .hasMessageStartingWith(
            "Resources.StudioUserLifecycleStateMachine.Properties.Logging.Destinations[0]"
                + ".CloudWatchLogsLogGroup.LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:"
                + "log-group:/aws/vendedlogs/states/studio-lifecycle-StudioUserLifecycle' is not a"
                + " log group ARN ending with :*");
  }

  /** LoggingConfiguration, level: ALL, ERROR, FATAL or OFF. */
  @Test
  void aLogLevelStepFunctionsDoesNotKnowIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "      Logging:\n        Level: ALL\n        IncludeExecutionData: false\n"
                + "        Destinations:\n          - CloudWatchLogsLogGroup:\n"
                + "              LogGroupArn: !GetAtt StateMachineLogGroup.Arn\n",
            "      Logging:\n        Level: VERBOSE\n        IncludeExecutionData: false\n"
                + "        Destinations:\n          - CloudWatchLogsLogGroup:\n"
                + "              LogGroupArn: !GetAtt StateMachineLogGroup.Arn\n")
        // Checked as the LoggingConfiguration SAM makes of it, against the state machine's schema.
        .hasMessage(
            "Resources.StudioUserLifecycleStateMachine.Properties: CloudFormation refuses it:"
                + " Properties validation failed for resource StudioUserLifecycleStateMachine with"
                + " message: #/LoggingConfiguration/Level: VERBOSE is not a valid enum value");
  }
}
