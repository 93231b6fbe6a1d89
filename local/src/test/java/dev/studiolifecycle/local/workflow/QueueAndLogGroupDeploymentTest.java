package dev.studiolifecycle.local.workflow;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue or log group that SQS's CreateQueue or CloudWatch Logs would refuse stops the local
 * deployment, naming the resource and the property (SQS API reference, CreateQueue, Attributes;
 * CloudWatch Logs API reference, PutRetentionPolicy and CreateLogGroup).
 */
class QueueAndLogGroupDeploymentTest {

  @TempDir Path project;

  @Test
  void aDeadLetterQueueKeptADayLongerThanSqsKeepsAnythingIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "  HrEventsDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n     "
                + " MessageRetentionPeriod: 1209600\\n",
            "  HrEventsDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n     "
                + " MessageRetentionPeriod: 1296000\\n")
        .hasMessage(
            "Resources.HrEventsDeadLetterQueue.Properties: CloudFormation refuses it: Properties"
                + " validation failed for resource HrEventsDeadLetterQueue with message:"
                + " #/MessageRetentionPeriod: 1296000 is not less or equal to 1209600");
  }

  @Test
  void aLogRetentionCloudWatchLogsDoesNotOfferIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            "      LogGroupName: !Sub /aws/lambda/${AWS::StackName}\\n      RetentionInDays: !Ref"
                + " LogRetentionDays\\n",
            "      LogGroupName: !Sub /aws/lambda/${AWS::StackName}\\n      RetentionInDays: 45\\n")
        .hasMessage(
            "Resources.FunctionLogGroup.Properties: CloudFormation refuses it: Properties"
                + " validation failed for resource FunctionLogGroup with message:"
                + " #/RetentionInDays: 45 is not a valid enum value");
  }
}
