package dev.studiolifecycle.local.workflow;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation checks the shipped template's resources against their schemas below the top level
 * too: the failed-executions alarm with its dimension's Name misspelt would fail `sam deploy`
 * ("Properties validation failed"), so the local deployment stops on it, naming the place. What the
 * SAM translator hands on unchanged (a function's SnapStart, a state machine's Logging) is checked
 * as part of the resource it generates.
 */
class PropertySchemaDeploymentTest {

  @TempDir Path project;

  @Test
  void aMisspeltKeyInTheAlarmsDimensionStopsTheDeployment() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "MetricName: ExecutionsFailed\\n      Dimensions:\\n        - Name: StateMachineArn",
            "MetricName: ExecutionsFailed\\n      Dimensions:\\n        - Nmae: StateMachineArn")
        .hasMessage(
            "Resources.ExecutionsFailedAlarm.Properties: CloudFormation refuses it: Properties"
                + " validation failed for resource ExecutionsFailedAlarm with message:"
                + " #/Dimensions/0: extraneous key [Nmae] is not permitted #/Dimensions/0: required"
                + " key [Name] not found");
  }

  @Test
  void aMisspeltKeyInTheFunctionsGlobalSnapStartStopsTheDeploymentAtTheFirstFunction() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "SnapStart:\\n      ApplyOn: PublishedVersions",
            "SnapStart:\\n      AppliesOn: PublishedVersions")
        .hasMessage(
            "Resources.ValidateFunction.Properties: CloudFormation refuses it: Properties"
                + " validation failed for resource ValidateFunction with message: #/SnapStart:"
                + " extraneous key [AppliesOn] is not permitted #/SnapStart: required key"
                + " [ApplyOn] not found");
  }

  @Test
  void aStateMachinesLoggingIsCheckedAsTheLoggingConfigurationSamMakesOfIt() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "LogGroupArn: !GetAtt StateMachineLogGroup.Arn",
            "LogGroupArm: !GetAtt StateMachineLogGroup.Arn")
        .hasMessage(
            "Resources.StudioUserLifecycleStateMachine.Properties: CloudFormation refuses it:"
                + " Properties validation failed for resource StudioUserLifecycleStateMachine with"
                + " message: #/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup:"
                + " extraneous key [LogGroupArm] is not permitted");
  }

  @Test
  void aSamRuleEventIsCheckedAsTheRuleSamGeneratesForIt() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "            InputTransformer:\\n              InputPathsMap:\\n"
                + "                eventId: $.detail.eventId",
            "            InputTransformer:\\n              InputPathMap:\\n"
                + "                eventId: $.detail.eventId")
        .hasMessage(
            "Resources.StudioUserLifecycleStateMachine.Properties.Events.EmployeeHired:"
                + " CloudFormation refuses it: Properties validation failed for resource"
                + " StudioUserLifecycleStateMachineEmployeeHired with message:"
                + " #/Targets/0/InputTransformer: extraneous key [InputPathMap] is not permitted");
  }
}
