package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconcile bucket encrypted with a customer managed KMS key (SSE-KMS) can be read and written
 * only by callers that may use the key: S3 needs kms:Decrypt for GetObject and kms:GenerateDataKey
 * for PutObject, through S3 (S3 User Guide, "Using server-side encryption with AWS KMS keys"). A
 * platform team that switches the bucket to its own key finds the grants its functions then need
 * locally, not on the first nightly run. The template's bucket uses SSE-S3, which needs no grant.
 */
class EncryptedBucketTest {

  private static final String SSE_S3 = "              SSEAlgorithm: AES256\n";
  private static final String ROSTER =
      "userName,email,status,team\nlee-park,lee-park@example.com,ACTIVE,ml-platform\n";
  private static final String READ_THE_ROSTER =
      "            - Sid: ReadTheRoster\n"
          + "              Effect: Allow\n"
          + "              Action: s3:GetObject\n";

  private static final String PLAN_RECONCILE_MAY_USE_THE_KEY =
      "            - Sid: UseTheBucketKeyThroughS3\n"
          + "              Effect: Allow\n"
          + "              Action: [kms:Decrypt, kms:GenerateDataKey]\n"
          + "              Resource: !GetAtt TopicKey.Arn\n"
          + "              Condition:\n"
          + "                StringEquals:\n"
          + "                  kms:ViaService: !Sub s3.${AWS::Region}.amazonaws.com\n"
          + READ_THE_ROSTER;

  @TempDir Path project;

  @Test
  void underTheAwsManagedKeyTheReconcilePlansWithoutAKeyGrant() {
    LifecycleSimulation.deployEdited(
        project, Map.of(SSE_S3, "              SSEAlgorithm: aws:kms\n"));

    LifecycleSimulation.Reconciled planned = plan();

    assertThat(planned.execution().status())
        .as(planned.execution().cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void underACustomerKeyPlanReconcileCannotReadTheRosterWithoutKmsDecrypt() {
    LifecycleSimulation.deployEdited(project, Map.of(SSE_S3, customerKey()));

    plan().assertPlanFailedNaming("AccessDenied", "kms:Decrypt", ":key/");
  }

  @Test
  void withTheKeyGrantedThroughS3ThePlanIsReadAndWritten() {
    LifecycleSimulation.deployEdited(
        project, Map.of(SSE_S3, customerKey(), READ_THE_ROSTER, PLAN_RECONCILE_MAY_USE_THE_KEY));

    LifecycleSimulation.Reconciled planned = plan();

    assertThat(planned.execution().status())
        .as(planned.execution().cause().orElse("") + planned.notifications())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void withOnlyKmsDecryptTheRosterIsReadButThePlanCannotBeWritten() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            SSE_S3,
            customerKey(),
            READ_THE_ROSTER,
            PLAN_RECONCILE_MAY_USE_THE_KEY.replace(
                "[kms:Decrypt, kms:GenerateDataKey]", "kms:Decrypt")));

    // Reading needed kms:Decrypt only; writing the plan is what fails.
    plan().assertPlanFailedNaming("AccessDenied", "kms:GenerateDataKey");
  }

  /**
   * The reconcile's Distributed Map reads the plan and writes its report as the state machine's
   * role: without the key, APPLY fails where it reads the plan, having started no lifecycle.
   */
  @Test
  void anApplyWhoseStateMachineMayNotUseTheKeyCannotReadThePlan() {
    LifecycleSimulation.deployEdited(
        project, Map.of(SSE_S3, customerKey(), READ_THE_ROSTER, PLAN_RECONCILE_MAY_USE_THE_KEY));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "reconcile.json", Map.of())) {
      simulation.roster(ROSTER);

      Execution execution = simulation.reconcile("reconcile", "{\"mode\": \"APPLY\"}");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElseThrow()).contains("kms:Decrypt").contains(":key/");
      assertThat(
              simulation.runtime().engine().executions().stream()
                  .filter(
                      e -> e.stateMachine().equals(simulation.runtime().lifecycleStateMachine())))
          .isEmpty();
    }
  }

  /** The local runtime knows no KMS alias but S3's own: another one fails the deployment. */
  @Test
  void aBucketKeyNamedByAnAliasTheRuntimeCannotKnowFailsTheDeployment() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            SSE_S3,
            "              SSEAlgorithm: aws:kms\n"
                + "              KMSMasterKeyID: alias/platform-data\n"));

    assertThatThrownBy(() -> LifecycleSimulation.of(project, "reconcile.json", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Invalid keyId alias/platform-data");
  }

  private static String customerKey() {
    return "              SSEAlgorithm: aws:kms\n"
        + "              KMSMasterKeyID: !GetAtt TopicKey.Arn\n";
  }

  private LifecycleSimulation.Reconciled plan() {
    return LifecycleSimulation.reconcileOnce(project, ROSTER, "PLAN");
  }
}
