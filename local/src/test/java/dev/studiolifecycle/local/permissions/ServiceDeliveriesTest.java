package dev.studiolifecycle.local.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An AWS service delivers to a template queue only when the queue's policy, and for a queue under
 * KMS the key's policy, let it (EventBridge user guide, "Using dead-letter queues to process
 * undelivered events"; SQS developer guide, "Amazon SQS Key management").
 */
class ServiceDeliveriesTest {

  private static final String RULE = LocalAccount.arn("events", "rule/hr-bus/Unusable");
  private static final String QUEUE = LocalAccount.arn("sqs", "Kept");

  private static SamTemplate template(String queueProperties, String condition) {
    return SamTemplate.parse(
        """
        Resources:
          Kept:
            Type: AWS::SQS::Queue
            Properties: %s
          KeptPolicy:
            Type: AWS::SQS::QueuePolicy
            Properties:
              Queues: [!Ref Kept]
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {Service: events.amazonaws.com}
                    Action: sqs:SendMessage
                    Resource: !GetAtt Kept.Arn
                    Condition: %s
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}
                    Action: kms:*
                    Resource: '*'
        """
            .formatted(queueProperties, condition),
        Path.of("inline/template.yaml"),
        Map.of());
  }

  private static final String FOR_THE_RULE = "{ArnEquals: {aws:SourceArn: '" + RULE + "'}}";

  @Test
  void aQueuePolicyGrantingTheRuleLetsEventBridgeSend() {
    assertThat(
            ServiceDeliveries.queueRefusal(
                template("{}", FOR_THE_RULE), ServiceDeliveries.EVENTBRIDGE, RULE, QUEUE))
        .isEmpty();
  }

  @Test
  void aGrantForAnotherRuleOrAnotherServiceRefuses() {
    SamTemplate template = template("{}", FOR_THE_RULE);
    assertThat(
            ServiceDeliveries.queueRefusal(
                template,
                ServiceDeliveries.EVENTBRIDGE,
                LocalAccount.arn("events", "rule/other"),
                QUEUE))
        .hasValueSatisfying(
            why -> assertThat(why).contains("does not let events.amazonaws.com sqs:SendMessage"));
    assertThat(ServiceDeliveries.queueRefusal(template, "sns.amazonaws.com", RULE, QUEUE))
        .isPresent();
  }

  @Test
  void aQueueWithoutAPolicyRefuses() {
    assertThat(
            ServiceDeliveries.queueRefusal(
                template("{}", FOR_THE_RULE),
                ServiceDeliveries.EVENTBRIDGE,
                RULE,
                LocalAccount.arn("sqs", "Elsewhere")))
        .hasValueSatisfying(why -> assertThat(why).startsWith("no queue policy of"));
  }

  @Test
  void aQueueUnderAKeyWhosePolicyDoesNotGrantTheServiceRefuses() {
    assertThat(
            ServiceDeliveries.queueRefusal(
                template("{KmsMasterKeyId: !Ref Key}", FOR_THE_RULE),
                ServiceDeliveries.EVENTBRIDGE,
                RULE,
                QUEUE))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("the key policy of Key")
                    .contains("does not let events.amazonaws.com kms:GenerateDataKey"));
    assertThat(
            ServiceDeliveries.queueRefusal(
                template("{KmsMasterKeyId: alias/aws/sqs}", FOR_THE_RULE),
                ServiceDeliveries.EVENTBRIDGE,
                RULE,
                QUEUE))
        .hasValueSatisfying(
            why -> assertThat(why).contains("the AWS managed key aws/sqs, which no AWS service"));
  }

  @Test
  void aConditionTheEvaluatorDoesNotKnowRefusesRatherThanPasses() {
    assertThat(
            ServiceDeliveries.queueRefusal(
                template("{}", "{NumericLessThan: {aws:MultiFactorAuthAge: '3600'}}"),
                ServiceDeliveries.EVENTBRIDGE,
                RULE,
                QUEUE))
        .hasValueSatisfying(
            why -> assertThat(why).startsWith("the local policy evaluator cannot evaluate"));
  }
}
