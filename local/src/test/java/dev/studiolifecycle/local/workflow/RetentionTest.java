package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.runtime.StudioUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RetentionDays: an offboarding cuts access and deletes the running apps at once, keeps the private
 * spaces (their storage) and the profile for the retention, then deletes them. Jane's starting
 * point is events/scenarios/offboarding-jane-doe.json: Canvas on her profile, JupyterLab in a
 * private space.
 */
class RetentionTest {

  private static final String DOMAIN = "d-studiolocal01";

  @Test
  void revokedAndAppsDeletedAtOnceSpacesAndProfileKeptForTheRetentionThenDeleted() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      List<String> duringRetention = new ArrayList<>();
      simulation.at(
          Duration.ofDays(1),
          () -> {
            var sageMaker = simulation.emulator().sageMaker();
            duringRetention.add("profile " + sageMaker.userProfileStatus(DOMAIN, "jane-doe"));
            duringRetention.add(
                "space " + sageMaker.spaceOwnership(DOMAIN, "jane-doe-private").isPresent());
            // A deleted app is listed Deleted for a while, then not at all.
            duringRetention.add(
                "app gone "
                    + sageMaker
                        .appStatus(DOMAIN, "jane-doe", null, "JupyterServer", "default")
                        .map(status -> status == AppStatus.DELETED)
                        .orElse(true));
          });

      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsSubsequence(
              "RevokeAccess",
              "RetainOrDelete",
              "DeleteRunningApps",
              "WaitForRunningApps",
              "AwaitRunningApps",
              "NotifyRetained",
              "Retain",
              "DeleteKeptResources",
              "KeptOrRestored",
              "AwaitDeletions",
              "DeleteExecutionRole",
              "NotifyOffboarded");
      assertThat(duringRetention)
          .containsExactly(
              "profile " + Optional.of(ResourceStatus.IN_SERVICE), "space true", "app gone true");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      Duration took = Duration.between(execution.startDate(), execution.stopDate().orElseThrow());
      assertThat(took).isBetween(Duration.ofDays(7), Duration.ofDays(7).plusMinutes(20));

      List<PublishedMessage> messages = simulation.runtime().notifications();
      assertThat(messages)
          .extracting(PublishedMessage::subject)
          .containsExactly("Revoked jane-doe: deletion in 7 days", "Offboarded jane-doe");
      JsonNode notice = LifecycleSimulation.parse(messages.get(0).message());
      assertThat(notice.path("outcome").asText()).isEqualTo("REVOKED");
      assertThat(notice.at("/accessRevoked/executionRoleDenied").asBoolean()).isTrue();
      assertThat(notice.at("/deleted/appCount").asInt()).isEqualTo(2);
      assertThat(notice.at("/kept/spaceCount").asInt()).isEqualTo(1);
      assertThat(notice.path("retentionDays").asInt()).isEqualTo(7);
    }
  }

  @Test
  void aRestoreDuringTheRetentionGivesAccessBackAndTheOffboardingDeletesNothing() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"));
        StudioUser jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution offboarding =
          simulation.start("offboarding", LifecycleSimulation.input("offboard-delete-role.json"));
      List<Execution> restores = new ArrayList<>();
      List<String> janeAfterRestore = new ArrayList<>();
      simulation.at(
          Duration.ofDays(2),
          () -> restores.add(simulation.start("rehire", restore("hr-2026-000532"))));
      simulation.at(
          Duration.ofDays(3),
          () -> janeAfterRestore.add(jane.launchApp("JupyterServer", "default")));

      simulation.runtime().awaitExecution(offboarding.executionArn());

      Execution restore = restores.get(0);
      assertThat(restore.status())
          .as(restore.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(restore))
          .containsExactly("Validate", "OnboardOrOffboard", "RestoreAccess", "NotifyRestored");
      assertThat(offboarding.status())
          .as(offboarding.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(offboarding))
          .containsSubsequence(
              "Retain", "DeleteKeptResources", "KeptOrRestored", "NotifyOffboardingCancelled")
          .doesNotContain("AwaitDeletions", "DeleteExecutionRole");
      // Nothing deleted after the revoke: her space, her profile and her role are there, and
      // she works again.
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().sageMaker().spaceOwnership(DOMAIN, "jane-doe-private"))
          .isPresent();
      assertThat(janeAfterRestore).singleElement().asString().contains(":app/");
      assertThat(aws.iam.listRolePolicies(r -> r.roleName("jane-doe")).policyNames())
          .doesNotContain("studio-lifecycle-revoked");
      assertThat(
              aws.sageMaker
                  .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"))
                  .userSettings()
                  .studioWebPortalAsString())
          .isEqualTo("ENABLED");
      assertThat(simulation.runtime().notifications())
          .extracting(PublishedMessage::subject)
          .containsExactly(
              "Revoked jane-doe: deletion in 7 days",
              "Restored jane-doe",
              "Offboarding of jane-doe cancelled");
    }
  }

  @Test
  void aRestoreOfSomeoneWhoseAccessIsNotRevokedIsRefusedAndChangesNothing() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
      Execution execution = simulation.runtime().run(restore("hr-2026-000533"));

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElse(""))
          .contains(
              "userProfileName: the access of user profile jane-doe is not revoked by an"
                  + " offboarding");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");
    }
  }

  private static JsonNode restore(String requestId) {
    return LifecycleSimulation.parse(
        "{\"action\": \"RESTORE\", \"requestId\": \""
            + requestId
            + "\", \"domainId\": \""
            + DOMAIN
            + "\", \"userProfileName\": \"jane-doe\"}");
  }

  /**
   * A profile name may have 63 characters, and each subject that names it must stay under SNS's 100
   * (API reference, Publish: Subject "less than 100 characters long"): onboarded, revoked,
   * restored, and the offboarding cancelled.
   */
  @Test
  void everyNoticeOfAProfileWithTheLongestNameIsPublished() {
    String name = "ab-" + "long-name".repeat(5) + "-of-sixty-three";
    assertThat(name).hasSize(63);
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("studio-domains.json", Map.of("RetentionDays", "7"))) {
      ObjectNode onboard = LifecycleSimulation.input("onboard-iam-new-role.json").deepCopy();
      onboard.put("userProfileName", name);
      ObjectNode offboard = LifecycleSimulation.input("offboard-delete-role.json").deepCopy();
      offboard.put("userProfileName", name);
      ObjectNode restore = restore("hr-2026-000534").deepCopy();
      restore.put("userProfileName", name);

      Execution onboarding = simulation.runtime().run("hire", onboard);
      Execution offboarding = simulation.start("leave", offboard);
      List<Execution> restores = new ArrayList<>();
      simulation.at(Duration.ofDays(2), () -> restores.add(simulation.start("rehire", restore)));
      simulation.runtime().awaitExecution(offboarding.executionArn());

      LifecycleSimulation.assertAllSucceeded(List.of(onboarding, offboarding, restores.get(0)));
      assertThat(simulation.runtime().notifications())
          .extracting(PublishedMessage::subject)
          .containsExactly(
              "Onboarded " + name,
              "Revoked " + name + ": deletion in 7 days",
              "Restored " + name,
              "Offboarding of " + name + " cancelled");
    }
  }

  @Test
  void anOnboardingDuringTheRetentionGivesAccessBackAndCancelsTheOffboarding() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"));
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution offboarding =
          simulation.start("offboarding", LifecycleSimulation.input("offboard-delete-role.json"));
      List<Execution> hires = new ArrayList<>();
      simulation.at(
          Duration.ofDays(3),
          () ->
              hires.add(
                  simulation.start(
                      "hired-again", LifecycleSimulation.input("onboard-during-retention.json"))));

      simulation.runtime().awaitExecution(offboarding.executionArn());
      simulation.runtime().awaitExecution(hires.get(0).executionArn());

      Execution hired = hires.get(0);
      assertThat(hired.status()).as(hired.cause().orElse("")).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(offboarding)).contains("NotifyOffboardingCancelled");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      // Her profile now uses the role of her own the onboarding made, which denies nothing.
      String role =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"))
              .userSettings()
              .executionRole();
      assertThat(role).endsWith("/studio-jane-doe-studiolocal01");
      assertThat(
              aws.iam
                  .listRolePolicies(r -> r.roleName("studio-jane-doe-studiolocal01"))
                  .policyNames())
          .doesNotContain("studio-lifecycle-revoked");
      JsonNode message =
          LifecycleSimulation.parse(
              simulation.runtime().notifications().stream()
                  .filter(m -> m.subject().equals("Updated jane-doe"))
                  .findFirst()
                  .orElseThrow()
                  .message());
      assertThat(message.at("/changes/userProfile").toString())
          .contains("StudioWebPortal: DISABLED -> ENABLED")
          .contains("offboarding hr-2026-000417: pending -> cancelled");
    }
  }

  @Test
  void anOnboardingOfARevokedRoleOfOursLiftsItsDeny() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("onboard-during-retention.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("onboard-during-retention.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(aws.iam.listRolePolicies(r -> r.roleName("studio-jane-doe")).policyNames())
          .doesNotContain("studio-lifecycle-revoked");
      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/changes/executionRole").toString())
          .contains("access: revoked by an offboarding -> given back");
      assertThat(message.at("/changes/userProfile").toString())
          .contains("StudioWebPortal: DISABLED -> ENABLED");
    }
  }

  @Test
  void anUpdateDuringTheRetentionIsRefusedNamingTheWayBack() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("restore-during-retention.json")) {
      ObjectNode update = (ObjectNode) LifecycleSimulation.input("onboard-during-retention.json");
      update.put("action", "UPDATE");
      update.remove("email");
      Execution execution = simulation.runtime().run(update);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.cause().orElse(""))
          .contains("is revoked by offboarding hr-2026-000417; RESTORE or ONBOARD gives it back");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");
    }
  }

  /**
   * A rehire once the retention is over and the profile deleted: the RESTORE cannot give back what
   * is gone, so it onboards the person afresh (the "RESTORE, or ONBOARD after retention
   * ended"); it used to be refused, and a hire event had to follow.
   */
  @Test
  void aRehireAfterTheRetentionEndedOnboardsThePersonAfresh() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "1"))) {
      Execution offboarding =
          simulation.start("offboarding", LifecycleSimulation.input("offboard-delete-role.json"));
      simulation.runtime().awaitExecution(offboarding.executionArn());

      Execution rehired =
          simulation.start("rehired", LifecycleSimulation.input("restore-during-retention.json"));
      simulation.runtime().awaitExecution(rehired.executionArn());

      assertThat(path(offboarding)).contains("DeleteKeptResources").endsWith("NotifyOffboarded");
      assertThat(rehired.status())
          .as(rehired.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(rehired))
          .containsSubsequence("CreateExecutionRole", "CreateUserProfile", "NotifyOnboarded")
          .doesNotContain("RestoreAccess");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isTrue();
      LifecycleSimulation.Notification notification = simulation.notification(rehired);
      assertThat(notification.action()).isEqualTo("ONBOARD");
      assertThat(notification.published().subject()).isEqualTo("Onboarded jane-doe");
    }
  }
}
