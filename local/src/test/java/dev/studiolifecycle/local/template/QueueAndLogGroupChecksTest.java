package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What SQS's CreateQueue and CloudWatch Logs' CreateLogGroup and PutRetentionPolicy refuse (their
 * API references' ranges and values).
 */
class QueueAndLogGroupChecksTest {

  private static JsonNode json(String text) {
    try {
      return LocalJson.MAPPER.readTree(text.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'MessageRetentionPeriod': 1209601}  | .Properties.MessageRetentionPeriod: 1209601 is not a"
            + " whole number from 60 to 1209600",
        "{'MessageRetentionPeriod': 59}       | .Properties.MessageRetentionPeriod: 59",
        "{'VisibilityTimeout': 43201}         | .Properties.VisibilityTimeout: 43201",
        "{'DelaySeconds': 901}                | .Properties.DelaySeconds: 901",
        "{'MaximumMessageSize': 1023}         | .Properties.MaximumMessageSize: 1023",
        "{'ReceiveMessageWaitTimeSeconds': 21} | .Properties.ReceiveMessageWaitTimeSeconds: 21",
        "{'KmsDataKeyReusePeriodSeconds': 30} | .Properties.KmsDataKeyReusePeriodSeconds: 30",
        "{'SqsManagedSseEnabled': true, 'KmsMasterKeyId': 'alias/aws/sqs'} | .Properties"
            + ".SqsManagedSseEnabled: a queue has one server-side encryption",
        "{'ContentBasedDeduplication': true}  | .Properties.ContentBasedDeduplication: applies to"
            + " FIFO queues only",
        "{'RedrivePolicy': {'maxReceiveCount': 3}} | .Properties.RedrivePolicy.deadLetterTargetArn:"
            + " is required",
        "{'RedrivePolicy': {'deadLetterTargetArn': 'arn:aws:sqs:us-east-1:123456789012:dlq',"
            + " 'maxReceiveCount': 1001}} | .Properties.RedrivePolicy.maxReceiveCount: 1001",
      })
  void createQueueRefuses(String properties, String message) {
    assertThatThrownBy(
            () -> QueueAndLogGroupChecks.checkQueue(json(properties), "Resources.Queue", false))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Resources.Queue" + message.strip());
  }

  @Test
  void aStandardQueueAtItsLimitsAndAFifoQueueWithItsAttributesAreTaken() {
    assertThatCode(
            () ->
                QueueAndLogGroupChecks.checkQueue(
                    json(
                        "{'MessageRetentionPeriod': 1209600, 'VisibilityTimeout': 43200,"
                            + " 'MaximumMessageSize': 1048576, 'SqsManagedSseEnabled': true}"),
                    "Resources.Queue",
                    false))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                QueueAndLogGroupChecks.checkQueue(
                    json(
                        "{'FifoQueue': true, 'ContentBasedDeduplication': true,"
                            + " 'DeduplicationScope': 'messageGroup', 'FifoThroughputLimit':"
                            + " 'perMessageGroupId'}"),
                    "Resources.Queue",
                    true))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/aws/lambda/x | {'RetentionInDays': 45} | .Properties.RetentionInDays: 45 is not a"
            + " retention PutRetentionPolicy takes",
        "/aws/lambda/x | {'KmsKeyId': '1234abcd-12ab-34cd-56ef-1234567890ab'} | .Properties"
            + ".KmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' is not a KMS key ARN",
        "/aws/lambda/x | {'KmsKeyId': 'alias/logs'} | .Properties.KmsKeyId: 'alias/logs'",
        "/aws/lambda/x | {'LogGroupClass': 'COLD'} | .Properties.LogGroupClass: must be one of"
            + " DELIVERY, INFREQUENT_ACCESS, STANDARD, got COLD",
        "/aws/lambda/my function | {} | .Properties.LogGroupName: '/aws/lambda/my function' is"
            + " not 1 to 512 letters",
      })
  void createLogGroupRefuses(String name, String properties, String message) {
    assertThatThrownBy(
            () ->
                QueueAndLogGroupChecks.checkLogGroup(
                    json(properties), name.strip(), "Resources.Logs"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Resources.Logs" + message.strip());
  }

  @Test
  void aLogGroupWithAKeyArnAndAKnownRetentionIsTaken() {
    assertThatCode(
            () ->
                QueueAndLogGroupChecks.checkLogGroup(
                    json(
                        "{'RetentionInDays': 3653, 'KmsKeyId':"
                            + " 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'}"),
                    "/aws/vendedlogs/states/studio-lifecycle",
                    "Resources.Logs"))
        .doesNotThrowAnyException();
  }
}
