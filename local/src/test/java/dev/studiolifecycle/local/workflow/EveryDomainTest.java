package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stack that serves several domains (AdditionalDomainIds): an OFFBOARD that names no domain, as
 * an HR termination that names none, offboards the person from every served domain, one execution
 * per domain where she has a profile (events/scenarios/offboard-role-used-in-another-domain.json:
 * jane in d-studiolocal01, Jane-Doe in d-studiolocal02, one role).
 */
class EveryDomainTest {

  private static final Map<String, String> TWO_DOMAINS =
      Map.of("AdditionalDomainIds", "d-studiolocal02");

  @Test
  void anOffboardingThatNamesNoDomainOffboardsThePersonFromEveryServedDomain() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json", TWO_DOMAINS)) {
      Execution parent = simulation.run("offboard-every-domain.json");

      assertThat(parent.status())
          .as(parent.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(parent))
          .containsExactly(
              "Validate", "OnboardOrOffboard", "StartInEveryDomain", "NotifyStartedInEveryDomain");
      List<Execution> children = simulation.awaitOffboardingChildren(parent);
      assertThat(children).hasSize(2);
      assertThat(children)
          .extracting(child -> child.input().path("domainId").asText())
          .containsExactlyInAnyOrder("d-studiolocal01", "d-studiolocal02");
      assertThat(children)
          .allSatisfy(
              child -> {
                assertThat(child.input().path("requestId").asText()).isEqualTo("hr-2026-000777");
                assertThat(child.input().path("occurredAt").asText())
                    .isEqualTo("2026-01-05T08:30:00Z");
              });
      var sageMaker = simulation.emulator().sageMaker();
      assertThat(sageMaker.userProfileStatus("d-studiolocal01", "jane-doe")).isEmpty();
      assertThat(sageMaker.userProfileStatus("d-studiolocal02", "Jane-Doe")).isEmpty();
      assertThat(simulation.emulator().iam().roleExists("jane-doe"))
          .as("the role both profiles used is deleted once neither does")
          .isFalse();

      Notification notification = simulation.notification(parent);
      assertThat(notification.published().subject()).isEqualTo("OFFBOARD jane-doe in 2 domains");
      assertThat(notification.message().path("domainIds").toString())
          .isEqualTo("[\"d-studiolocal01\",\"d-studiolocal02\"]");
      assertThat(notification.message().path("executions"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrderElementsOf(
              children.stream().map(Execution::executionArn).toList());
    }
  }

  @Test
  void aPersonWithoutAProfileInAnyServedDomainHasNothingToOffboard() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json", TWO_DOMAINS)) {
      var input = (ObjectNode) LifecycleSimulation.input("offboard-every-domain.json");
      input.put("userProfileName", "nobody");
      Execution parent = simulation.runtime().run(input);

      assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(simulation.children(parent)).isEmpty();
      Notification notification = simulation.notification(parent);
      assertThat(notification.published().subject()).isEqualTo("OFFBOARD nobody in 0 domains");
      assertThat(notification.message().path("nothingToDo").asBoolean()).isTrue();
    }
  }

  @Test
  void aPersonWithAProfileInOneOfTheServedDomainsIsOffboardedThereAndTheNoticeSaysOneDomain() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json", TWO_DOMAINS)) {
      simulation.onboard("d-studiolocal02", "ann-ode", "hr-2026-000900", role -> {});
      var input = (ObjectNode) LifecycleSimulation.input("offboard-every-domain.json");
      input.put("userProfileName", "ann-ode");
      Execution parent = simulation.runtime().run(input);

      assertThat(parent.status())
          .as(parent.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(simulation.notification(parent).published().subject())
          .isEqualTo("OFFBOARD ann-ode in 1 domain");
      assertThat(simulation.notification(parent).message().path("domainIds").toString())
          .isEqualTo("[\"d-studiolocal02\"]");
    }
  }

  @Test
  void inAStackThatServesOneDomainItIsThatDomain() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json")) {
      Execution execution = simulation.run("offboard-every-domain.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).doesNotContain("StartInEveryDomain").contains("RevokeAccess");
      assertThat(simulation.children(execution)).isEmpty();
      assertThat(simulation.emulator().sageMaker().userProfileStatus("d-studiolocal01", "jane-doe"))
          .isEmpty();
      assertThat(simulation.emulator().sageMaker().userProfileStatus("d-studiolocal02", "Jane-Doe"))
          .as("a domain the stack does not serve is not touched")
          .isPresent();
    }
  }

  /**
   * Terminated everywhere with a retention, then rehired everywhere (a RESTORE that names no
   * domain): each domain's access comes back and each offboarding deletes nothing.
   */
  @Test
  void aRestoreThatNamesNoDomainGivesAccessBackInEveryDomainWhereItWasRevoked() {
    Map<String, String> parameters =
        Map.of("AdditionalDomainIds", "d-studiolocal02", "RetentionDays", "7");
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-role-used-in-another-domain.json", parameters)) {
      Execution offboard = simulation.run("offboard-every-domain.json");
      List<Execution> offboardings = simulation.children(offboard);
      ObjectNode rehire = JsonNodeFactory.instance.objectNode();
      rehire
          .put("action", "RESTORE")
          .put("requestId", "hr-2026-000778")
          .put("userProfileName", "jane-doe");
      List<Execution> restores = new ArrayList<>();
      simulation.at(Duration.ofDays(1), () -> restores.add(simulation.start("rehire", rehire)));
      for (Execution offboarding : offboardings) {
        simulation.runtime().awaitExecution(offboarding.executionArn());
      }
      Execution parent = restores.get(0);
      simulation.runtime().awaitExecution(parent.executionArn());

      assertThat(parent.status())
          .as(parent.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(parent)).contains("StartInEveryDomain");
      assertThat(simulation.notification(parent).published().subject())
          .isEqualTo("RESTORE jane-doe in 2 domains");
      List<Execution> children =
          simulation.children(parent).stream()
              .filter(e -> !offboardings.contains(e) && !e.equals(offboard))
              .toList();
      assertThat(children).hasSize(2);
      for (Execution child : children) {
        simulation.runtime().awaitExecution(child.executionArn());
        assertThat(child.status())
            .as(child.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(path(child)).contains("RestoreAccess");
      }
      assertThat(offboardings)
          .allSatisfy(o -> assertThat(path(o)).contains("NotifyOffboardingCancelled"));
      var sageMaker = simulation.emulator().sageMaker();
      assertThat(sageMaker.userProfileStatus("d-studiolocal01", "jane-doe")).isPresent();
      assertThat(sageMaker.userProfileStatus("d-studiolocal02", "Jane-Doe")).isPresent();
    }
  }
}
