package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A person in two domains with one execution role (events/scenarios/
 * offboard-role-used-in-another-domain.json): offboarding from one domain, role deletion asked for,
 * keeps the role her other profile uses. IAM would delete it, and every app of the other profile
 * would then fail to start.
 */
class RoleInSeveralDomainsTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/studio-lifecycle/jane-doe";

  @Test
  void offboardingFromOneDomainKeepsTheRoleHerProfileInTheOtherDomainStillUses() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json")) {
      Execution execution = simulation.run("offboard-role-used-in-another-domain.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsSubsequence("AwaitDeletions", "DeleteExecutionRole", "NotifyOffboarded");
      var sageMaker = simulation.emulator().sageMaker();
      assertThat(sageMaker.userProfileStatus("d-studiolocal01", "jane-doe")).isEmpty();
      assertThat(sageMaker.userProfileStatus("d-studiolocal02", "Jane-Doe"))
          .isEqualTo(Optional.of(ResourceStatus.IN_SERVICE));
      assertThat(simulation.emulator().iam().roleExists("jane-doe")).isTrue();
      assertThat(simulation.emulator().iam().attachedPolicies("jane-doe"))
          .as("nothing detached from a role that is kept")
          .contains(List.of("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"));

      LifecycleSimulation.Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      var role = notification.message().at("/deleted/executionRole");
      assertThat(role.path("outcome").asText()).isEqualTo("IN_USE");
      assertThat(role.path("roleArn").asText()).isEqualTo(ROLE);
      assertThat(role.path("usedBy").toString()).isEqualTo("[\"d-studiolocal02/Jane-Doe\"]");
    }
  }

  /**
   * Onboarding her again in the stack's domain with other buckets makes a role of that domain's own
   * ({@code studio-<user>-<domain>}) and moves her profile there; the role her research profile
   * uses keeps its buckets and policies. A role named after the person alone was converged by every
   * domain's onboarding in turn, two stacks' onboardings included.
   */
  @Test
  void onboardingInOneDomainMakesThatDomainsOwnRoleAndLeavesTheOtherDomainsRoleAsItIs() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("offboard-role-used-in-another-domain.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      ObjectNode onboard = (ObjectNode) LifecycleSimulation.input("onboard-iam-new-role.json");
      onboard.put("requestId", "hr-2026-000600");
      ((ObjectNode) onboard.get("executionRole").get("create"))
          .putArray("s3Buckets")
          .add("risk-data");

      Execution execution = simulation.start("onboard-again", onboard);
      simulation.runtime().awaitExecution(execution.executionArn());

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(roleOf(aws, "d-studiolocal01", "jane-doe"))
          .isEqualTo(
              "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe-studiolocal01");
      assertThat(roleOf(aws, "d-studiolocal02", "Jane-Doe")).isEqualTo(ROLE);
      assertThat(
              aws.iam
                  .getRolePolicy(
                      r -> r.roleName("jane-doe").policyName("studio-lifecycle-s3-access"))
                  .policyDocument())
          .as("the research profile's role keeps its bucket")
          .contains("ml-team-datasets")
          .doesNotContain("risk-data");
      assertThat(
              aws.iam
                  .getRolePolicy(
                      r ->
                          r.roleName("studio-jane-doe-studiolocal01")
                              .policyName("studio-lifecycle-s3-access"))
                  .policyDocument())
          .contains("risk-data");
    }
  }

  private static String roleOf(EmulatorClients aws, String domainId, String userProfileName) {
    return aws.sageMaker
        .describeUserProfile(r -> r.domainId(domainId).userProfileName(userProfileName))
        .userSettings()
        .executionRole();
  }
}
