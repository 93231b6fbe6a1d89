package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * SageMaker's API reference says a user profile name "is not case sensitive", and IAM names are
 * unique regardless of case (IAM User Guide, IAM identifiers): {@code Jane-Doe} and {@code
 * jane-doe} are one person, with one profile and one role.
 */
class NameCaseTest {

  private static final String DOMAIN = "d-studiolocal01";

  private static ObjectNode onboard(String user, String requestId) {
    ObjectNode input = (ObjectNode) LifecycleSimulation.input("onboard-iam-new-role.json");
    input.put("userProfileName", user);
    input.put("requestId", requestId);
    return input;
  }

  @Test
  void janeDoeThenJaneDoeInLowerCaseIsOneProfileAndOneRole() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution first = simulation.runtime().run(onboard("Jane-Doe", "hr-2026-000501"));
      Execution second = simulation.runtime().run(onboard("jane-doe", "hr-2026-000502"));

      assertThat(first.status()).as(first.cause().orElse("")).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(second.status())
          .as(second.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(aws.sageMaker.listUserProfiles(r -> r.domainIdEquals(DOMAIN)).userProfiles())
          .extracting(p -> p.userProfileName())
          .containsExactly("Jane-Doe");
      assertThat(aws.iam.listRoles(r -> r.pathPrefix("/studio-lifecycle/")).roles())
          .extracting(Role::roleName)
          .containsExactly("studio-jane-doe-studiolocal01");
      assertThat(
              simulation
                  .notification(second)
                  .message()
                  .at("/created/userProfile/adopted")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void offboardingInAnotherCaseOffboardsTheSamePerson() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      simulation.runtime().run(onboard("Jane-Doe", "hr-2026-000501"));
      ObjectNode offboard = (ObjectNode) LifecycleSimulation.input("offboard-delete-role.json");
      offboard.put("userProfileName", "JANE-DOE");
      offboard.put("domainId", DOMAIN);
      Execution execution = simulation.runtime().run(offboard);

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(aws.sageMaker.listUserProfiles(r -> r.domainIdEquals(DOMAIN)).userProfiles())
          .isEmpty();
      assertThat(aws.iam.listRoles(r -> r.pathPrefix("/studio-lifecycle/")).roles()).isEmpty();
    }
  }
}
