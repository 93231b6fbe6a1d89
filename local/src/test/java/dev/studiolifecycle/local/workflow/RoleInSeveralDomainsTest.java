package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
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
}
