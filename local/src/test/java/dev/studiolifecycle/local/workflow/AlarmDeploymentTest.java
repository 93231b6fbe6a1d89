package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation creates the template's alarms with CloudWatch's PutMetricAlarm, which refuses a
 * period an alarm cannot have, a statistic it does not know, and a metric math alarm of more than
 * 10 MetricStat queries (CloudWatch API reference, PutMetricAlarm: Period "Valid values are 10, 20,
 * 30, and any multiple of 60"; MetricDataQuery: "as many as 10 structures that contain a MetricStat
 * parameter"). The local deployment refuses them too, naming the property.
 */
class AlarmDeploymentTest {

  private static final String LAST_FUNCTION_QUERY =
      "        - Id: planReconcile\n"
          + "          ReturnData: false\n"
          + "          MetricStat: { Metric: { Namespace: AWS/Lambda, MetricName: Errors,"
          + " Dimensions: [{ Name: FunctionName, Value: !Ref PlanReconcileFunction }] }, Period:"
          + " 300, Stat: Sum }\n";

  @TempDir Path project;

  @Test
  void anAlarmPeriodThatIsNeitherTenTwentyThirtyNorAMultipleOfSixtyIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "      Statistic: Sum\\n      Period: 300\\n      EvaluationPeriods: 1\\n      Threshold:"
                + " 1\\n      ComparisonOperator: GreaterThanOrEqualToThreshold\\n     "
                + " TreatMissingData: notBreaching\\n      AlarmActions: [!Ref OpsTopic]\\n\\n "
                + " ReconcileFailedAlarm:",
            "      Statistic: Sum\\n      Period: 90\\n      EvaluationPeriods: 1\\n      Threshold:"
                + " 1\\n      ComparisonOperator: GreaterThanOrEqualToThreshold\\n     "
                + " TreatMissingData: notBreaching\\n      AlarmActions: [!Ref OpsTopic]\\n\\n "
                + " ReconcileFailedAlarm:")
        .hasMessage(
            "Resources.ExecutionsFailedAlarm.Properties.Period: 90 s; an alarm's period is 10, 20,"
                + " 30 or a multiple of 60");
  }

  @Test
  void aStatisticCloudWatchDoesNotKnowIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "          Value: !Ref StudioUserLifecycleStateMachine\\n      Statistic: Sum\\n",
            "          Value: !Ref StudioUserLifecycleStateMachine\\n      Statistic: Total\\n")
        .hasMessageEndingWith(
            // CloudFormation holds the value to the alarm's schema before CloudWatch sees it.
            "Properties validation failed for resource ExecutionsFailedAlarm with message:"
                + " #/Statistic: Total is not a valid enum value");
  }

  /**
   * FunctionErrorsAlarm watches nine functions' Errors: a tenth function fits, an eleventh does
   * not, and the deployment says so before AWS would.
   */
  @Test
  void theFunctionErrorsAlarmTakesTenFunctionsAndRefusesAnEleventh() {
    LifecycleSimulation.deployEdited(
        project, Map.of(LAST_FUNCTION_QUERY, LAST_FUNCTION_QUERY + query("checkStatus")));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())) {
      assertThat(simulation.run("onboard-iam-new-role.json").status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    LifecycleSimulation.assertThatDeploymentRefused(
            project.resolve("eleven"),
            LAST_FUNCTION_QUERY.replace("\n", "\\n"),
            (LAST_FUNCTION_QUERY + query("checkStatus") + query("deleteResources"))
                .replace("\n", "\\n"))
        .hasMessage(
            "Resources.FunctionErrorsAlarm.Properties.Metrics: 11 MetricStat and 1 Expression"
                + " queries; PutMetricAlarm takes as many as 10 of each");
  }

  private static String query(String id) {
    return LAST_FUNCTION_QUERY
        .replace("planReconcile", id)
        .replace("PlanReconcileFunction", "CheckStatusFunction");
  }
}
