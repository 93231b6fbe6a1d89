package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's topic and bucket policies are evaluated at each call of its functions and state
 * machines: within one account an explicit deny in a resource-based policy refuses what the
 * caller's own policy allows (IAM User Guide, "Policy evaluation logic"). Their conditions see the
 * global keys of the call: the caller's account and role, and a secure transport (the deployed
 * clients call over HTTPS). As deployed, the policies deny nothing the workflow does: every other
 * test of the template runs under them.
 */
class ResourcePolicyDenyTest {

  private static final String NOTIFICATION_TOPIC_DENY =
      "            Condition:\n"
          + "              StringNotEquals:\n"
          + "                aws:PrincipalAccount: !Ref AWS::AccountId\n"
          + "          - Sid: ThisAccountSubscribes\n";
  private static final String TLS_ONLY =
      "              Bool:\n" + "                aws:SecureTransport: 'false'\n";

  @TempDir Path project;

  @Test
  void aTopicPolicyThatDeniesTheAccountStopsTheStateMachinesNotification() {
    deploy(
        Map.of(
            NOTIFICATION_TOPIC_DENY,
            NOTIFICATION_TOPIC_DENY.replace("!Ref AWS::AccountId", "'210987654321'")));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "studio-domains.json", Map.of())) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error())
          .hasValueSatisfying(error -> assertThat(error).startsWith("SNS."));
      assertThat(execution.cause().orElseThrow())
          .contains("is not authorized to perform: sns:Publish")
          .contains(
              "with an explicit deny in a resource-based policy"
                  + " (OnlyThisAccountPublishes of NotificationTopicPolicy)");
    }
  }

  @Test
  void aBucketPolicyDenyingTheCallsTransportStopsTheReconcileFromReadingTheRoster() {
    deploy(Map.of(TLS_ONLY, TLS_ONLY.replace("'false'", "'true'")));

    plan().assertPlanFailedNaming("AccessDenied", "(TlsOnly of ReconcileBucketPolicy)");
  }

  @Test
  void theBucketPolicyAsDeployedLetsTheReconcilePlan() {
    deploy(Map.of());

    Execution execution = plan().execution();

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  /** The role's own policy sees the same global keys: a condition on the account holds. */
  @Test
  void theRolesOwnPolicySeesTheCallsAccount() {
    String publish =
        "              Action: sns:Publish\n"
            + "              Resource: !Ref NotificationTopic\n"
            + "            # Only SNS may use the key";
    for (String account : new String[] {"!Ref AWS::AccountId", "'210987654321'"}) {
      Path deployment = project.resolve(account.startsWith("!Ref") ? "own" : "other");
      LifecycleSimulation.deployEdited(
          deployment,
          Map.of(
              publish,
              publish.replace(
                  "Resource: !Ref NotificationTopic\n",
                  "Resource: !Ref NotificationTopic\n"
                      + "              Condition:\n"
                      + "                StringEquals:\n"
                      + "                  aws:PrincipalAccount: "
                      + account
                      + "\n")));
      try (LifecycleSimulation simulation =
          LifecycleSimulation.of(deployment, "studio-domains.json", Map.of())) {
        Execution execution = simulation.run("onboard-iam-new-role.json");

        assertThat(execution.status())
            .as(account + ": " + execution.cause().orElse(""))
            .isEqualTo(
                account.startsWith("!Ref") ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED);
      }
    }
  }

  private void deploy(Map<String, String> edits) {
    LifecycleSimulation.deployEdited(project, edits);
  }

  private LifecycleSimulation.Reconciled plan() {
    return LifecycleSimulation.reconcileOnce(
        project,
        "userName,email,status,team\nlee-park,lee-park@example.com,ACTIVE,ml-platform\n",
        "PLAN");
  }
}
