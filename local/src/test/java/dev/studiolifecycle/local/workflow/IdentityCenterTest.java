package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityCenter;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityCenter.Assignment;
import dev.studiolifecycle.local.hr.HrEventDelivery;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.hr.HrEventReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM Identity Center domains across a person's lifecycle: a leaver loses the Studio assignment
 * onboarding made (a group's stays), a rehire during the retention gets it back.
 */
class IdentityCenterTest {

  private static final String DOMAIN = "d-studiosso001";
  private static final String ALEX = "6b1e9d2c-4f3a-4c8e-9a7b-2d5f8e1c3a90";

  @Test
  void anSsoLeaverLosesTheAssignmentOnboardingMadeAndHerGroupKeepsItsOwn() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboard-sso.json")) {
      IdentityCenter center = simulation.emulator().identityCenter();
      String application = center.applicationOf(DOMAIN).orElseThrow();
      Assignment group = center.assignments(application).get(1);

      Execution execution = simulation.run("offboard-sso.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).startsWith("Validate", "OnboardOrOffboard", "RevokeAccess");
      assertThat(center.assignments(application))
          .as("her own assignment gone, the data-science group's untouched")
          .containsExactly(group);
      assertThat(group.principalType()).isEqualTo("GROUP");
      assertThat(simulation.emulator().requestLog().calls("sso", "DeleteApplicationAssignment"))
          .singleElement()
          .satisfies(
              call -> assertThat(call.parameters().path("PrincipalId").asText()).isEqualTo(ALEX));
    }
  }

  @Test
  void anSsoUserAssignedByAnAdministratorKeepsThatAssignmentWhenSheLeaves() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboard-sso.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      // The same person, but her profile does not say the workflow assigned her.
      String arn =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("alex-kim"))
              .userProfileArn();
      aws.sageMaker.deleteTags(
          r -> r.resourceArn(arn).tagKeys("studio-lifecycle:studio-assignment"));
      IdentityCenter center = simulation.emulator().identityCenter();
      String application = center.applicationOf(DOMAIN).orElseThrow();

      Execution execution = simulation.run("offboard-sso.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(center.assignments(application)).contains(new Assignment("USER", ALEX)).hasSize(2);
      assertThat(simulation.emulator().requestLog().calls("sso", "DeleteApplicationAssignment"))
          .isEmpty();
    }
  }

  @Test
  void aRehireDuringTheRetentionGetsTheStudioAssignmentBack() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("restore-sso-during-retention.json", Map.of("RetentionDays", "7"))) {
      IdentityCenter center = simulation.emulator().identityCenter();
      String application = center.applicationOf(DOMAIN).orElseThrow();
      assertThat(center.assignments(application)).isEmpty();

      Execution execution = simulation.run("restore-sso-during-retention.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsExactly("Validate", "OnboardOrOffboard", "RestoreAccess", "NotifyRestored");
      assertThat(center.assignments(application)).containsExactly(new Assignment("USER", ALEX));
    }
  }

  @Test
  void anSsoOnboardingUndoneBeforeItsProfileIsReadyTakesItsStudioAssignmentBack() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("onboard-sso-profile-never-ready.json")) {
      IdentityCenter center = simulation.emulator().identityCenter();
      String application = center.applicationOf(DOMAIN).orElseThrow();

      Execution execution = simulation.run("onboard-sso-profile-never-ready.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(execution)).contains("CreateUserProfile", "DeleteCreatedProfile");
      assertThat(simulation.emulator().requestLog().calls("sso", "CreateApplicationAssignment"))
          .hasSize(1);
      assertThat(center.assignments(application))
          .as("no access left for someone with no working profile")
          .isEmpty();
    }
  }

  /** A stack serving both SSO domains of events/scenarios/offboard-identity-center-user.json. */
  private static final Map<String, String> BOTH_SSO_DOMAINS =
      Map.of("AdditionalDomainIds", "d-studiosso002");

  @Test
  void anIdentityCenterUserDeletedEventOffboardsHerProfilesInEveryServedDomainByHerUserId() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-identity-center-user.json", BOTH_SSO_DOMAINS)) {
      List<Outcome> outcomes = deliver(simulation, "identity-center/user-deleted.json");

      assertThat(outcomes).singleElement().isInstanceOf(Outcome.StartedByRule.class);
      Execution parent = ((Outcome.StartedByRule) outcomes.get(0)).execution();
      simulation.runtime().awaitExecution(parent.executionArn());
      assertThat(parent.status())
          .as(parent.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(parent))
          .containsExactly(
              "Validate", "OnboardOrOffboard", "StartInEveryDomain", "NotifyStartedInEveryDomain");
      List<Execution> children = simulation.awaitOffboardingChildren(parent);
      assertThat(children)
          .extracting(
              child ->
                  child.input().path("domainId").asText()
                      + "/"
                      + child.input().path("userProfileName").asText())
          .containsExactlyInAnyOrder("d-studiosso001/alex-kim", "d-studiosso002/akim");
      var sageMaker = simulation.emulator().sageMaker();
      assertThat(sageMaker.userProfileStatus("d-studiosso001", "alex-kim")).isEmpty();
      assertThat(sageMaker.userProfileStatus("d-studiosso002", "akim")).isEmpty();
      assertThat(sageMaker.userProfileStatus("d-studiosso001", "john-roe"))
          .as("someone else's profile")
          .isPresent();
      assertThat(simulation.notification(parent).published().subject())
          .isEqualTo("OFFBOARD akim, alex-kim in 2 domains");
    }
  }

  /**
   * Her profiles may have two names of 63 characters: the started notice names the first and how
   * many more, so that its subject stays under the 100 characters SNS takes (API reference,
   * Publish); before, SNS refused it and the execution failed after starting the offboardings.
   */
  @Test
  void theNoticeOfAPersonWithTwoLongProfileNamesIsPublished(@TempDir Path dir) throws IOException {
    String first = "akim-" + "k".repeat(58);
    String second = "alex-" + "k".repeat(58);
    Path scenario = dir.resolve("long-names.json");
    Files.writeString(
        scenario,
        Files.readString(
                LifecycleSimulation.PROJECT_ROOT.resolve(
                    "events/scenarios/offboard-identity-center-user.json"))
            .replace("\"akim\"", "\"" + first + "\"")
            .replace("\"alex-kim\"", "\"" + second + "\""));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(scenario.toString(), BOTH_SSO_DOMAINS)) {
      List<Outcome> outcomes = deliver(simulation, "identity-center/user-deleted.json");
      Execution parent = ((Outcome.StartedByRule) outcomes.get(0)).execution();
      simulation.runtime().awaitExecution(parent.executionArn());

      assertThat(parent.status())
          .as(parent.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      String subject = simulation.notification(parent).published().subject();
      assertThat(subject).isEqualTo("OFFBOARD " + first + " and 1 more in 2 domains");
      assertThat(subject).hasSizeLessThan(100);
    }
  }

  @Test
  void aFailedDeleteInIdentityCenterStartsNothing() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-identity-center-user.json", BOTH_SSO_DOMAINS)) {
      List<Outcome> outcomes =
          deliver(simulation, "identity-center/not-matching-failed-delete.json");

      assertThat(outcomes).singleElement().isInstanceOf(Outcome.NoRuleMatched.class);
      assertThat(simulation.runtime().engine().executions()).isEmpty();
    }
  }

  /** Delivers an event file of events/ as AWS would (through the template's rules). */
  private static List<Outcome> deliver(LifecycleSimulation simulation, String file) {
    HrEventDelivery delivery =
        new HrEventDelivery(simulation.runtime(), new PrintStream(OutputStream.nullOutputStream()));
    return delivery.deliver(
        HrEventReader.read(
            LifecycleSimulation.PROJECT_ROOT.resolve("events").resolve(file), simulation.now()));
  }
}
