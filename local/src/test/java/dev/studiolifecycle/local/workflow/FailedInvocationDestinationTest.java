package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.hr.EditedEvents;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.runtime.ExecutionEndEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda sends an asynchronous invocation that failed its retries to the function's OnFailure queue
 * as the function's role, and drops it when the role may not send there (Lambda developer guide,
 * "Capturing records of Lambda asynchronous invocations": a permissions error is a delivery
 * failure). SAM grants the role {@code sqs:SendMessage} on the queue for an OnFailure of Type SQS
 * (SAM developer guide, OnFailure); nothing grants it the queue's key. The case here: SNS refuses
 * ExecutionEnd's notification of a failed execution, so the execution's end must reach the queue.
 */
class FailedInvocationDestinationTest {

  private static final String ON_FAILURE =
      "          OnFailure:\n"
          + "            Type: SQS\n"
          + "            Destination: !GetAtt ExecutionEndDeadLetterQueue.Arn\n";
  private static final String QUEUE =
      "  ExecutionEndDeadLetterQueue:\n"
          + "    Type: AWS::SQS::Queue\n"
          + "    Properties:\n"
          + "      MessageRetentionPeriod: 1209600\n"
          + "      SqsManagedSseEnabled: true\n";
  private static final String QUEUE_ARN =
      "arn:aws:sqs:us-east-1:123456789012:ExecutionEndDeadLetterQueue";
  private static final String EXECUTION_END_GRANTS = "            - Sid: ReadTheLifecycleHistory\n";

  @TempDir Path project;
  @TempDir Path events;

  @Test
  void asDeployedTheEndOfAnUntoldFailureIsKeptInTheQueueSamLetsTheRoleSendTo() {
    LifecycleSimulation.deployEdited(project, Map.of());

    ExecutionEndEvents.DeadLetter letter = runWithSnsDown().deadLetterOnly();

    assertThat(letter.queueArn()).isEqualTo(QUEUE_ARN);
    assertThat(letter.error()).contains("InternalFailure");
  }

  /**
   * Lambda sends invocation records to standard queues only: a FIFO queue is a delivery failure
   * ("Capturing records of Lambda asynchronous invocations"), so the end is lost.
   */
  @Test
  void aFifoQueueTakesNoRecordAndTheEndIsLost() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            ON_FAILURE,
            ON_FAILURE.replace("ExecutionEndDeadLetterQueue.Arn", "ExecutionEndFifoQueue.Arn"),
            QUEUE,
            QUEUE
                + "\n  ExecutionEndFifoQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                + "      FifoQueue: true\n"));

    ExecutionEndEvents.LostInvocation lost = runWithSnsDown().lostOnly();

    assertThat(lost.why())
        .isEqualTo(
            "arn:aws:sqs:us-east-1:123456789012:ExecutionEndFifoQueue is a FIFO queue, to which"
                + " Lambda does not send invocation records");
  }

  @Test
  void withoutTypeSqsSamAddsNoGrantAndTheEndIsLost() {
    LifecycleSimulation.deployEdited(
        project, Map.of(ON_FAILURE, ON_FAILURE.replace("            Type: SQS\n", "")));

    ExecutionEndEvents.LostInvocation lost = runWithSnsDown().lostOnly();

    assertThat(lost.functionName()).isEqualTo("ExecutionEndFunction");
    assertThat(lost.why())
        .contains("is not authorized to perform: sqs:SendMessage on resource: " + QUEUE_ARN)
        .contains("because no identity-based policy allows the sqs:SendMessage action");
  }

  @Test
  void aQueuePolicyThatDeniesTheRoleLosesTheEnd() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            "          - Sid: EventBridgeDeadLetters\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              Service: events.amazonaws.com\n"
                + "            Action: sqs:SendMessage\n"
                + "            Resource: !GetAtt ExecutionEndDeadLetterQueue.Arn\n",
            "          - Sid: OnlyEventBridgeSends\n"
                + "            Effect: Deny\n"
                + "            Principal: '*'\n"
                + "            Action: sqs:SendMessage\n"
                + "            Resource: !GetAtt ExecutionEndDeadLetterQueue.Arn\n"
                + "            Condition:\n"
                + "              StringNotEquals:\n"
                + "                aws:PrincipalServiceName: events.amazonaws.com\n"
                + "          - Sid: EventBridgeDeadLetters\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              Service: events.amazonaws.com\n"
                + "            Action: sqs:SendMessage\n"
                + "            Resource: !GetAtt ExecutionEndDeadLetterQueue.Arn\n"));

    assertThat(runWithSnsDown().lostOnly().why())
        .contains("with an explicit deny in a resource-based policy")
        .contains("OnlyEventBridgeSends");
  }

  /**
   * A producer of a queue under a customer managed key needs kms:GenerateDataKey and kms:Decrypt on
   * it through SQS (SQS developer guide, "Amazon SQS Key management"). ExecutionEnd's role may use
   * the topic key only through SNS: moving the queue under that key loses the end until the role is
   * granted the key through SQS too.
   */
  @Test
  void aQueueUnderTheTopicKeyNeedsAGrantOfTheKeyThroughSqs() {
    Map<String, String> underTopicKey =
        Map.of(QUEUE, QUEUE.replace("SqsManagedSseEnabled: true", "KmsMasterKeyId: !Ref TopicKey"));
    LifecycleSimulation.deployEdited(project.resolve("no-grant"), underTopicKey);
    assertThat(runWithSnsDown(project.resolve("no-grant")).lostOnly().why())
        .contains("is not authorized to perform: kms:GenerateDataKey on resource: ")
        .contains("because no identity-based policy allows the kms:GenerateDataKey action");

    Map<String, String> granted = new HashMap<>(underTopicKey);
    granted.put(
        EXECUTION_END_GRANTS,
        "            - Sid: KeepFailedEndsInTheQueue\n"
            + "              Effect: Allow\n"
            + "              Action: [kms:GenerateDataKey, kms:Decrypt]\n"
            + "              Resource: !GetAtt TopicKey.Arn\n"
            + "              Condition:\n"
            + "                StringEquals:\n"
            + "                  kms:ViaService: !Sub sqs.${AWS::Region}.amazonaws.com\n"
            + EXECUTION_END_GRANTS);
    LifecycleSimulation.deployEdited(project.resolve("granted"), granted);
    assertThat(runWithSnsDown(project.resolve("granted")).deadLetterOnly().queueArn())
        .isEqualTo(QUEUE_ARN);
  }

  /** The AWS managed aws/sqs key serves every principal of the account through SQS. */
  @Test
  void aQueueUnderTheAwsManagedKeyNeedsNoGrant() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            QUEUE, QUEUE.replace("SqsManagedSseEnabled: true", "KmsMasterKeyId: alias/aws/sqs")));

    assertThat(runWithSnsDown().deadLetterOnly().queueArn()).isEqualTo(QUEUE_ARN);
  }

  /**
   * MaximumRetryAttempts is honoured: one refused Publish more than the execution's own retries
   * take is outlasted by Lambda's default two retries, and not without retries.
   */
  @Test
  void lambdaRetriesAsOftenAsTheConfigSays() {
    LifecycleSimulation.deployEdited(project.resolve("default"), Map.of());
    Ended retried = run(project.resolve("default"), 5);
    assertThat(retried.deadLetters()).isEmpty();
    assertThat(retried.notifications()).isEqualTo(1);

    LifecycleSimulation.deployEdited(
        project.resolve("none"),
        Map.of(
            "        MaximumRetryAttempts: 2\n" + "        DestinationConfig:\n" + ON_FAILURE,
            "        MaximumRetryAttempts: 0\n" + "        DestinationConfig:\n" + ON_FAILURE));
    Ended once = run(project.resolve("none"), 5);
    assertThat(once.deadLetters()).hasSize(1);
    assertThat(once.notifications()).isZero();
  }

  /** hr-event says where an SNS message StartWorkflow failed on goes, or that it is lost. */
  @Test
  void aFailedStartWorkflowSaysWhetherItsMessageIsKeptOrLost() throws IOException {
    String startWorkflowOnFailure =
        "          OnFailure:\n"
            + "            Type: SQS\n"
            + "            Destination: !GetAtt StartWorkflowDeadLetterQueue.Arn\n";
    Path kept = project.resolve("kept");
    LifecycleSimulation.deployEdited(kept, Map.of());
    assertThat(startWorkflowFailure(kept))
        .endsWith(
            "; Lambda retries twice, then sends it to "
                + "arn:aws:sqs:us-east-1:123456789012:StartWorkflowDeadLetterQueue");

    Path lost = project.resolve("lost");
    LifecycleSimulation.deployEdited(
        lost,
        Map.of(
            startWorkflowOnFailure, startWorkflowOnFailure.replace("            Type: SQS\n", "")));
    assertThat(startWorkflowFailure(lost))
        .contains("; Lambda retries twice, then drops it: User: ")
        .contains("StartWorkflowFunctionRole")
        .contains("is not authorized to perform: sqs:SendMessage");
  }

  private String startWorkflowFailure(Path deployment) throws IOException {
    List<Outcome> outcomes =
        LifecycleSimulation.deliverHrEvent(deployment, EditedEvents.snsHireWithoutUserName(events));
    assertThat(outcomes).singleElement().isInstanceOf(Outcome.StartWorkflowFailed.class);
    return outcomes.get(0).said();
  }

  private record Ended(
      List<ExecutionEndEvents.DeadLetter> deadLetters,
      List<ExecutionEndEvents.LostInvocation> lost,
      int notifications) {

    ExecutionEndEvents.DeadLetter deadLetterOnly() {
      assertThat(lost).isEmpty();
      assertThat(deadLetters).hasSize(1);
      return deadLetters.get(0);
    }

    ExecutionEndEvents.LostInvocation lostOnly() {
      assertThat(deadLetters).isEmpty();
      assertThat(lost).hasSize(1);
      return lost.get(0);
    }
  }

  private Ended runWithSnsDown() {
    return runWithSnsDown(project);
  }

  /** An invalid request fails; SNS refuses its notification and ExecutionEnd's, every time. */
  private static Ended runWithSnsDown(Path deployment) {
    return run(deployment, 100);
  }

  /**
   * Runs an invalid request (it fails) with {@code refusedPublishes} Publish calls refused: the
   * execution's own notification takes four (one and three retries), ExecutionEnd's one an attempt.
   */
  private static Ended run(Path deployment, int refusedPublishes) {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(deployment, "studio-domains.json", Map.of())) {
      simulation.fail("sns", "Publish", InjectedFailure.INTERNAL_FAILURE, refusedPublishes);
      Execution execution = simulation.run("invalid-request.json");
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      return new Ended(
          simulation.runtime().deadLetters(),
          simulation.runtime().lostInvocations(),
          simulation.runtime().notifications().size());
    }
  }
}
