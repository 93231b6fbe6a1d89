package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.hr.EditedEvents;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HR event the workflow cannot use goes to the unusable-events queue only if the queue's policy
 * lets EventBridge send for the rule (EventBridge user guide, "Using dead-letter queues to process
 * undelivered events"; the same holds for an SQS target). When it does not, EventBridge retries and
 * then keeps the event in the rule target's dead-letter queue, which the HR dead-letter alarm
 * watches; without one the event would be lost without a word.
 */
class UnusableEventsQueueTest {

  private static final String UNUSABLE_QUEUE_GRANT =
      "                  - !GetAtt HrEventsUnusableRule.Arn\n\n  StartWorkflowDeadLetterQueue:";
  private static final String ANOTHER_RULE =
      "!Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/another-rule";
  private static final String UNUSABLE_QUEUE =
      "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue";

  private static final String SSE_SQS = "SqsManagedSseEnabled: true";
  private static final String UNUSABLE_QUEUE_SSE =
      "  HrEventsUnusableQueue:\n"
          + "    Type: AWS::SQS::Queue\n"
          + "    Properties:\n"
          + "      MessageRetentionPeriod: 1209600\n"
          + "      "
          + SSE_SQS
          + "\n";

  @TempDir Path project;
  @TempDir Path events;

  @Test
  void anUnusableHireReachesItsQueueAsDeployed() throws IOException {
    LifecycleSimulation.deployEdited(project, Map.of());

    assertThat(deliverHireWithoutEmail(project))
        .containsExactly(new Outcome.SentElsewhere("HrEventsUnusableRule", UNUSABLE_QUEUE));
  }

  @Test
  void aQueuePolicyForAnotherRuleKeepsTheEventInTheDeadLetterQueueInstead() throws IOException {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            UNUSABLE_QUEUE_GRANT,
            UNUSABLE_QUEUE_GRANT.replace("!GetAtt HrEventsUnusableRule.Arn", ANOTHER_RULE)));

    List<Outcome> outcomes = deliverHireWithoutEmail(project);

    assertThat(outcomes)
        .singleElement()
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered -> {
              assertThat(notDelivered.targetArn()).isEqualTo(UNUSABLE_QUEUE);
              assertThat(notDelivered.why())
                  .contains("does not let events.amazonaws.com sqs:SendMessage")
                  .contains(":rule/");
              assertThat(notDelivered.keptIn()).endsWith(":HrEventsDeadLetterQueue");
            });
  }

  @Test
  void withoutADeadLetterQueueTheRefusedEventIsLost() throws IOException {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            UNUSABLE_QUEUE_GRANT,
            UNUSABLE_QUEUE_GRANT.replace("!GetAtt HrEventsUnusableRule.Arn", ANOTHER_RULE),
            "          Arn: !GetAtt HrEventsUnusableQueue.Arn\n"
                + "          # An event the queue would not take (its policy) is kept with the other"
                + " undelivered HR\n"
                + "          # events, not dropped.\n"
                + "          RetryPolicy:\n"
                + "            MaximumRetryAttempts: 10\n"
                + "            MaximumEventAgeInSeconds: 3600\n"
                + "          DeadLetterConfig:\n"
                + "            Arn: !GetAtt HrEventsDeadLetterQueue.Arn\n\n  HrEventsUnusableInMoreDomainsRule:",
            "          Arn: !GetAtt HrEventsUnusableQueue.Arn\n\n  HrEventsUnusableInMoreDomainsRule:"));

    assertThat(deliverHireWithoutEmail(project))
        .singleElement()
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered -> {
              assertThat(notDelivered.keptIn()).isNull();
              assertThat(notDelivered.said()).endsWith("the event is lost");
            });
  }

  /**
   * A queue under KMS takes what EventBridge sends only if its key lets EventBridge use it (SQS
   * developer guide, "Amazon SQS Key management"): the template's topic key does (its statement for
   * EventBridge), the AWS managed aws/sqs key never does.
   */
  @Test
  void aQueueUnderKmsTakesTheEventOnlyIfItsKeyLetsEventBridgeUseIt() throws IOException {
    Path topicKey = project.resolve("topic-key");
    LifecycleSimulation.deployEdited(
        topicKey,
        Map.of(
            UNUSABLE_QUEUE_SSE,
            UNUSABLE_QUEUE_SSE.replace(SSE_SQS, "KmsMasterKeyId: !Ref TopicKey")));
    assertThat(deliverHireWithoutEmail(topicKey))
        .containsExactly(new Outcome.SentElsewhere("HrEventsUnusableRule", UNUSABLE_QUEUE));

    Path awsManaged = project.resolve("aws-managed");
    LifecycleSimulation.deployEdited(
        awsManaged,
        Map.of(
            UNUSABLE_QUEUE_SSE,
            UNUSABLE_QUEUE_SSE.replace(SSE_SQS, "KmsMasterKeyId: alias/aws/sqs")));
    assertThat(deliverHireWithoutEmail(awsManaged))
        .singleElement()
        .isInstanceOfSatisfying(
            Outcome.NotDelivered.class,
            notDelivered ->
                assertThat(notDelivered.why())
                    .contains("the AWS managed key aws/sqs, which no AWS service may use"));
  }

  private List<Outcome> deliverHireWithoutEmail(Path deployment) throws IOException {
    return LifecycleSimulation.deliverHrEvent(deployment, EditedEvents.hireWithoutEmail(events));
  }
}
