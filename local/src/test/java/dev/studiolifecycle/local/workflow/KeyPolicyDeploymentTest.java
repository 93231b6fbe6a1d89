package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation creates the template's TopicKey with KMS's CreateKey, whose key policy "must allow
 * the calling principal to make a subsequent PutKeyPolicy request" unless
 * BypassPolicyLockoutSafetyCheck is set, and whose statements must each name principals that exist
 * (KMS API reference, CreateKey, Policy). A key policy KMS would refuse stops the local deployment.
 */
class KeyPolicyDeploymentTest {

  /**
   * A role of the stack, named by its ARN rather than {@code !GetAtt ReconcileSchedulerRole.Arn}:
   * the role's policy leads back to the key (it starts the reconcile state machine, whose role
   * publishes to the topic the key encrypts), so a GetAtt would close a circle CloudFormation
   * refuses. Locally a role without RoleName is named by its logical id.
   */
  static final String SCHEDULER_ROLE =
      "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ReconcileSchedulerRole";

  private static final String ADMINISTERS =
      "          - Sid: AccountAdministersTheKey\n"
          + "            Effect: Allow\n"
          + "            Principal:\n"
          + "              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root\n"
          + "            Action: kms:*\n"
          + "            Resource: '*'\n";

  private static final String KEY_PROPERTIES =
      "      Description: Encrypts the studio-lifecycle SNS topics.\n";

  @TempDir Path project;

  private static String administeredBy(String principal) {
    return ADMINISTERS.replace("!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root", principal);
  }

  @Test
  void aKeyPolicyThatLetsOnlyANamedRoleAdministerTheKeyLocksTheDeployerOut() {
    LifecycleSimulation.deployEdited(project, Map.of(ADMINISTERS, administeredBy(SCHEDULER_ROLE)));

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessageStartingWith(
            "Resources.TopicKey.Properties.KeyPolicy: KMS's CreateKey answered"
                + " MalformedPolicyDocumentException: The new key policy will not allow you to"
                + " update the key policy in the future.");
  }

  @Test
  void bypassingTheLockoutSafetyCheckLetsThatKeyPolicyDeploy() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            ADMINISTERS,
            administeredBy(SCHEDULER_ROLE),
            KEY_PROPERTIES,
            KEY_PROPERTIES + "      BypassPolicyLockoutSafetyCheck: true\n"));

    assertThatCode(
            () ->
                LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())
                    .close())
        .as("the deployment of a key that bypasses the lockout safety check")
        .doesNotThrowAnyException();
  }

  @Test
  void aKeyPolicyNamingARoleThatDoesNotExistIsRefused() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            ADMINISTERS,
            ADMINISTERS
                + administeredBy(
                        "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/key-admins")
                    .replace("AccountAdministersTheKey", "KeyAdminsToo")));

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessage(
            "Resources.TopicKey.Properties.KeyPolicy: KMS's CreateKey answered"
                + " MalformedPolicyDocumentException: Policy contains a statement with one or more"
                + " invalid principals.");
  }

  /**
   * KMS developer guide, "Key policy format": a key policy's Sid may hold spaces; and a statement
   * without Resource is taken by CreateKey (it has no effect).
   */
  @Test
  void aSidWithSpacesAndAStatementWithoutResourceAreTakenByKms() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            ADMINISTERS,
            ADMINISTERS.replace("AccountAdministersTheKey", "Account administers the key")
                + ADMINISTERS
                    .replace("AccountAdministersTheKey", "NoResource")
                    .replace("            Resource: '*'\n", "")));

    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())) {
      assertThat(simulation.run("onboard-iam-new-role.json").status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
