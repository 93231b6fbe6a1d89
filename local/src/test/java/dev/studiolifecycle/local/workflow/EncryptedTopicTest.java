package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.RecordedCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's topics are encrypted with its KMS key, and SNS encrypts each message with the key
 * on the publisher's behalf: the publisher's own policy must allow kms:GenerateDataKey and
 * kms:Decrypt on the key (SNS developer guide, "Managing Amazon SNS encryption keys"). A state
 * machine whose role lacks them cannot notify (SNS.KMSAccessDeniedException), as on AWS, and the
 * ExecutionEnd rule's function, which may, tells of it.
 */
class EncryptedTopicTest {

  private static final String MACHINE_MAY_ENCRYPT =
      "            - Sid: PublishOnlyToTheNotificationTopic\n"
          + "              Effect: Allow\n"
          + "              Action: sns:Publish\n"
          + "              Resource: !Ref NotificationTopic\n"
          + "            - Sid: EncryptNotifications\n"
          + "              Effect: Allow\n"
          + "              Action: [kms:GenerateDataKey, kms:Decrypt]\n"
          + "              Resource: !GetAtt TopicKey.Arn\n"
          + "            - Sid: DeliverLogsHasNoResourceLevelPermissions\n";

  @TempDir Path project;

  @Test
  void theTemplatesStateMachineNotifiesThroughItsEncryptedTopic() {
    deploy(Map.of());
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(publishes(simulation, "StudioUserLifecycleStateMachine"))
          .isNotEmpty()
          .allSatisfy(call -> assertThat(call.errorCode()).isNull());
    }
  }

  @Test
  void aStateMachineThatMayNotUseTheTopicsKeyCannotNotifyAndTheRuleTellsIt() {
    deploy(
        Map.of(
            MACHINE_MAY_ENCRYPT,
            MACHINE_MAY_ENCRYPT.replace(
                "Action: [kms:GenerateDataKey, kms:Decrypt]", "Action: kms:DescribeKey")));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("SNS.KMSAccessDeniedException");
      assertThat(execution.cause().orElseThrow())
          .contains("is not authorized to perform: kms:GenerateDataKey")
          .contains(":key/");
      assertThat(publishes(simulation, "StudioUserLifecycleStateMachine"))
          .isNotEmpty()
          .allSatisfy(call -> assertThat(call.errorCode()).isEqualTo("KMSAccessDenied"));
      List<JsonNode> told =
          simulation.runtime().notifications().stream()
              .map(message -> LifecycleSimulation.parse(message.message()))
              .toList();
      assertThat(told)
          .singleElement()
          .satisfies(
              message ->
                  assertThat(message.path("error").asText())
                      .isEqualTo("SNS.KMSAccessDeniedException"));
    }
  }

  /**
   * SNS passes the topic's ARN as the encryption context ({@code aws:sns:topicArn}), so a grant of
   * the key may be scoped to one topic; one scoped to another topic does not let the state machine
   * notify.
   */
  @Test
  void aKeyGrantScopedToTheTopicByItsEncryptionContextIsHonoured() {
    String scoped =
        MACHINE_MAY_ENCRYPT.replace(
            "              Resource: !GetAtt TopicKey.Arn\n",
            "              Resource: !GetAtt TopicKey.Arn\n"
                + "              Condition:\n"
                + "                ArnEquals:\n"
                + "                  kms:EncryptionContext:aws:sns:topicArn: TOPIC\n");
    deploy(Map.of(MACHINE_MAY_ENCRYPT, scoped.replace("TOPIC", "!Ref NotificationTopic")));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  @Test
  void aKeyGrantScopedToAnotherTopicDoesNotLetTheStateMachineNotify() {
    deploy(
        Map.of(
            MACHINE_MAY_ENCRYPT,
            MACHINE_MAY_ENCRYPT.replace(
                "              Resource: !GetAtt TopicKey.Arn\n",
                "              Resource: !GetAtt TopicKey.Arn\n"
                    + "              Condition:\n"
                    + "                ArnEquals:\n"
                    + "                  kms:EncryptionContext:aws:sns:topicArn: !Ref OpsTopic\n")));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("SNS.KMSAccessDeniedException");
    }
  }

  private LifecycleSimulation simulation() {
    return LifecycleSimulation.of(project, "studio-domains.json", Map.of());
  }

  private static List<RecordedCall> publishes(LifecycleSimulation simulation, String caller) {
    return simulation.emulator().requestLog().calls("sns", "Publish").stream()
        .filter(call -> call.callerName().filter(caller::equals).isPresent())
        .toList();
  }

  private void deploy(Map<String, String> edits) {
    LifecycleSimulation.deployEdited(project, edits);
  }
}
