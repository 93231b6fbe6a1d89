package dev.studiolifecycle.local.workflow;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a service keeps what it could not deliver, the queue's type matters: EventBridge rules and
 * EventBridge Scheduler take standard dead-letter queues (EventBridge user guide, "Using
 * dead-letter queues to process undelivered events"; Scheduler user guide, "Configuring a
 * schedule's dead-letter queue"), a standard topic's subscriptions standard ones (SNS developer
 * guide, "Amazon SNS dead-letter queues"), and a FIFO queue's name ends with {@code .fifo}. The
 * template is refused, naming the property. (Lambda's OnFailure to a FIFO queue deploys and drops
 * the record: {@code FailedInvocationDestinationTest}.) In {@code from} and {@code to}, {@code \\n}
 * is a line break.
 */
class QueueTypesTest {

  @TempDir Path project;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ReconcileScheduleDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n|"
            + "ReconcileScheduleDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n"
            + "      FifoQueue: true\\n|"
            + "NightlyReconcileSchedule.Properties.Target.DeadLetterConfig.Arn:"
            + " arn:aws:sqs:us-east-1:123456789012:ReconcileScheduleDeadLetterQueue is a FIFO queue;"
            + " EventBridge Scheduler does not support a FIFO queue",
        "ExecutionEndDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n|"
            + "ExecutionEndDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n"
            + "      FifoQueue: true\\n|"
            + ", DeadLetterConfig.Arn: arn:aws:sqs:us-east-1:123456789012:ExecutionEndDeadLetterQueue"
            + " is a FIFO queue; EventBridge's dead-letter queues are standard SQS queues",
        "ExecutionEndDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n|"
            + "ExecutionEndDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n"
            + "      QueueName: ends.fifo\\n|"
            + "ExecutionEndDeadLetterQueue.Properties.QueueName: only a FIFO queue's name"
            + " (FifoQueue: true) ends with .fifo",
        "StartWorkflowDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n|"
            + "StartWorkflowDeadLetterQueue:\\n    Type: AWS::SQS::Queue\\n    Properties:\\n"
            + "      FifoQueue: true\\n|"
            + "StartWorkflowFunction.Properties.Events.HrMessage.Properties.RedrivePolicy:"
            + " arn:aws:sqs:us-east-1:123456789012:StartWorkflowDeadLetterQueue is a FIFO queue; a"
            + " standard topic's subscriptions take standard dead-letter queues"
      })
  void aQueueOfTheWrongTypeFailsTheDeployment(String from, String to, String refusal) {
    LifecycleSimulation.assertThatDeploymentRefused(project, from, to)
        .hasMessageContaining(refusal);
  }
}
