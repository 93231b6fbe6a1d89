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
          + "            # Only SNS may use the key for this role, and only for the notification topic (its\n"
          + "            # encryption context); the key also encrypts the HR and ops topics.\n"
          + "            - Sid: EncryptNotifications\n"
          + "              Effect: Allow\n"
          + "              Action: [kms:GenerateDataKey, kms:Decrypt]\n"
          + "              Resource: !GetAtt TopicKey.Arn\n"
          + "              Condition:\n"
          + "                StringEquals:\n"
          + "                  kms:ViaService: !Sub sns.${AWS::Region}.amazonaws.com\n"
          + "                  kms:EncryptionContext:aws:sns:topicArn: !Ref NotificationTopic\n"
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
   * SNS passes the topic's ARN as the encryption context ({@code aws:sns:topicArn}); the template
   * scopes each grant of the key to the notification topic by it (the first test runs with that
   * grant), and a grant scoped to another topic does not let the state machine notify.
   */
  @Test
  void aKeyGrantScopedToAnotherTopicDoesNotLetTheStateMachineNotify() {
    deploy(
        Map.of(
            MACHINE_MAY_ENCRYPT,
            MACHINE_MAY_ENCRYPT.replace(
                "kms:EncryptionContext:aws:sns:topicArn: !Ref NotificationTopic",
                "kms:EncryptionContext:aws:sns:topicArn: !Ref OpsTopic")));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("SNS.KMSAccessDeniedException");
    }
  }

  /**
   * "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a
   * KMS key" (KMS developer guide, "Key policies in AWS KMS"): the template's key policy lets the
   * account's IAM policies decide (its statement for the account root); with that statement naming
   * another role instead, the state machine's own grant of the key has no effect, and it cannot
   * notify.
   */
  @Test
  void withoutTheKeyPolicysStatementForTheAccountTheRolesGrantOfTheKeyHasNoEffect() {
    deploy(
        Map.of(
            "          - Sid: AccountAdministersTheKey\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root\n",
            "          - Sid: AccountAdministersTheKey\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              AWS: "
                + KeyPolicyDeploymentTest.SCHEDULER_ROLE
                + "\n",
            // The key policy no longer lets the account's administrators change it: KMS's lockout
            // safety check would refuse it (CreateKey), unless bypassed.
            "      Description: Encrypts the studio-lifecycle SNS topics.\n",
            "      Description: Encrypts the studio-lifecycle SNS topics.\n"
                + "      BypassPolicyLockoutSafetyCheck: true\n"));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("SNS.KMSAccessDeniedException");
      assertThat(execution.cause().orElseThrow())
          .contains("because no resource-based policy allows the kms:GenerateDataKey action");
    }
  }

  @Test
  void aDenyInTheKeyPolicyRefusesWhatTheRolesPolicyAllows() {
    deploy(
        Map.of(
            "          - Sid: AlarmsPublishToTheOpsTopic\n",
            "          - Sid: NoOneEncrypts\n"
                + "            Effect: Deny\n"
                + "            Principal: '*'\n"
                + "            Action: kms:GenerateDataKey\n"
                + "            Resource: '*'\n"
                + "          - Sid: AlarmsPublishToTheOpsTopic\n"));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElseThrow())
          .contains("with an explicit deny in a resource-based policy (NoOneEncrypts");
    }
  }

  /** The local runtime cannot read the key policy of a key the template does not create. */
  @Test
  void aTopicUnderAKeyTheTemplateDoesNotCreateCannotBeNotifiedLocally() {
    deploy(
        Map.of(
            "      DisplayName: studio-lifecycle notifications\n      KmsMasterKeyId: !Ref TopicKey\n",
            "      DisplayName: studio-lifecycle notifications\n"
                + "      KmsMasterKeyId: !Sub"
                + " arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/0000aaaa\n"));
    try (LifecycleSimulation simulation = simulation()) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElseThrow())
          .contains("key/0000aaaa is not a key of")
          .contains("cannot read its key policy");
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
