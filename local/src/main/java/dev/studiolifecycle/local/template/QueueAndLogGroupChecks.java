package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What SQS's CreateQueue refuses of an AWS::SQS::Queue and CloudWatch Logs' CreateLogGroup and
 * PutRetentionPolicy of an AWS::Logs::LogGroup when CloudFormation creates them: the ranges and
 * values their API references give. Each refusal names the property and the rule; the services' own
 * words are not in their references.
 */
final class QueueAndLogGroupChecks {

  private QueueAndLogGroupChecks() {}

  /** CloudWatch Logs API reference, PutRetentionPolicy, retentionInDays: "Possible values are". */
  static final Set<Integer> RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** CloudWatch Logs API reference, CreateLogGroup, logGroupName: 1 to 512 of these. */
  private static final Pattern LOG_GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");

  /** CreateLogGroup, kmsKeyId: "The Amazon Resource Name (ARN) of the KMS key". */
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

  /**
   * SQS API reference, CreateQueue, Attributes: DelaySeconds, MaximumMessageSize,
   * MessageRetentionPeriod, ReceiveMessageWaitTimeSeconds, VisibilityTimeout and
   * KmsDataKeyReusePeriodSeconds within their ranges; one server-side encryption (SSE-SQS or
   * SSE-KMS); the FIFO-only attributes on a FIFO queue, with their values; a RedrivePolicy with a
   * dead-letter queue and a maxReceiveCount of 1 to 1,000.
   */
  static void checkQueue(JsonNode properties, String where, boolean fifo) {
    range(properties, "DelaySeconds", 0, 900, where);
    range(properties, "MaximumMessageSize", 1_024, 1_048_576, where);
    range(properties, "MessageRetentionPeriod", 60, 1_209_600, where);
    range(properties, "ReceiveMessageWaitTimeSeconds", 0, 20, where);
    range(properties, "VisibilityTimeout", 0, 43_200, where);
    range(properties, "KmsDataKeyReusePeriodSeconds", 60, 86_400, where);
    if (properties.path("SqsManagedSseEnabled").asText().equals("true")
        && properties.has("KmsMasterKeyId")) {
      throw new TemplateException(
          where
              + ".Properties.SqsManagedSseEnabled: a queue has one server-side encryption, SSE-SQS"
              + " or SSE-KMS (KmsMasterKeyId), not both");
    }
    for (String fifoOnly : new String[] {"ContentBasedDeduplication", "DeduplicationScope"}) {
      if (!fifo && properties.has(fifoOnly)) {
        throw new TemplateException(
            where + ".Properties." + fifoOnly + ": applies to FIFO queues only (FifoQueue: true)");
      }
    }
    if (!fifo && properties.has("FifoThroughputLimit")) {
      throw new TemplateException(
          where + ".Properties.FifoThroughputLimit: applies to FIFO queues only (FifoQueue: true)");
    }
    AllowedValues.check(
        properties.path("DeduplicationScope"),
        Set.of("messageGroup", "queue"),
        where + ".Properties.DeduplicationScope");
    AllowedValues.check(
        properties.path("FifoThroughputLimit"),
        Set.of("perQueue", "perMessageGroupId"),
        where + ".Properties.FifoThroughputLimit");
    JsonNode redrive = properties.get("RedrivePolicy");
    if (redrive != null) {
      if (!redrive.hasNonNull("deadLetterTargetArn")) {
        throw new TemplateException(
            where + ".Properties.RedrivePolicy.deadLetterTargetArn: is required");
      }
      if (!redrive.has("maxReceiveCount")) {
        throw new TemplateException(
            where + ".Properties.RedrivePolicy.maxReceiveCount: is required");
      }
      range(redrive, "maxReceiveCount", 1, 1_000, where + ".Properties.RedrivePolicy");
    }
  }

  /**
   * CloudWatch Logs: a name of 1 to 512 letters, digits and {@code . - _ / #}; a retention of one
   * of the values PutRetentionPolicy takes; a KmsKeyId that is a key's ARN (not its id or an
   * alias); a LogGroupClass of STANDARD, INFREQUENT_ACCESS or DELIVERY.
   */
  static void checkLogGroup(JsonNode properties, String name, String where) {
    if (!LOG_GROUP_NAME.matcher(name).matches()) {
      throw new TemplateException(
          where
              + ".Properties.LogGroupName: '"
              + name
              + "' is not 1 to 512 letters, digits and . - _ / # (CreateLogGroup)");
    }
    JsonNode retention = properties.get("RetentionInDays");
    if (retention != null && !RETENTION_DAYS.contains(retention.asInt(-1))) {
      throw new TemplateException(
          where
              + ".Properties.RetentionInDays: "
              + retention.asText()
              + " is not a retention PutRetentionPolicy takes (1, 3, 5, 7, 14, 30, 60, 90, 120, 150,"
              + " 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days)");
    }
    JsonNode key = properties.get("KmsKeyId");
    if (key != null && !KEY_ARN.matcher(key.asText()).matches()) {
      throw new TemplateException(
          where
              + ".Properties.KmsKeyId: '"
              + key.asText()
              + "' is not a KMS key ARN; CloudWatch Logs takes only the key's ARN (use !GetAtt"
              + " <key>.Arn, not !Ref)");
    }
    AllowedValues.check(
        properties.path("LogGroupClass"),
        Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY"),
        where + ".Properties.LogGroupClass");
  }

  private static void range(JsonNode node, String member, long min, long max, String where) {
    JsonNode value = node.get(member);
    if (value == null) {
      return;
    }
    long number;
    try {
      number = Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      number = Long.MIN_VALUE;
    }
    if (number < min || number > max) {
      throw new TemplateException(
          where
              + (where.endsWith("RedrivePolicy") ? "." : ".Properties.")
              + member
              + ": "
              + value.asText()
              + " is not a whole number from "
              + min
              + " to "
              + max);
    }
  }
}
