package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.report.ExecutionFigures;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.runtime.OffboardingBenchmark;
import dev.studiolifecycle.local.runtime.StudioUser;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Offboarding end to end: template.yaml's state machine, the real handlers and the emulator, from
 * the inputs of events/statemachine/ and the scenarios of events/scenarios/.
 */
class OffboardingTest {

  private static final String DOMAIN = "d-studiolocal01";

  private static Duration took(Execution execution) {
    return Duration.between(execution.startDate(), execution.stopDate().orElseThrow());
  }

  @Test
  void offboards25AppsInMixedStatusesAndTwoPrivateSpacesLeavingOthersAlone() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboard-many-apps.json")) {
      Execution execution = simulation.run("offboard-many-apps.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsExactly(
              "Validate",
              "OnboardOrOffboard",
              "RevokeAccess",
              "RetainOrDelete",
              "DeleteUserResources",
              "WaitForDeletions",
              "AwaitDeletions",
              "DeletedOrRestored",
              "ShouldDeleteExecutionRole",
              "KeepExecutionRole",
              "NotifyOffboarded");
      // SageMaker's floor: the 9-minute GPU kernel, then the profile (30 s). The spaces' apps
      // (5 minutes at most) and the spaces (30 s) go meanwhile.
      assertThat(took(execution)).isEqualTo(Duration.ofSeconds(9 * 60 + 30));
      assertThat(ExecutionFigures.of(execution).billedTransitions())
          .as("issue 11's target for a 9-minute app: 30 + N + S")
          .isLessThanOrEqualTo(30 + 25 + 2);

      SageMakerService sageMaker = simulation.emulator().sageMaker();
      assertThat(sageMaker.userProfileStatus(DOMAIN, "pat-jones")).isEmpty();
      assertThat(sageMaker.userProfileStatus(DOMAIN, "kim-lee"))
          .contains(ResourceStatus.IN_SERVICE);
      for (String app : List.of("datascience-1", "gpu-training", "starting-2", "closing-3")) {
        assertThat(sageMaker.appStatus(DOMAIN, "pat-jones", null, "KernelGateway", app))
            .as(app)
            .contains(AppStatus.DELETED);
      }
      assertThat(sageMaker.appStatus(DOMAIN, "pat-jones", null, "KernelGateway", "broken-1"))
          .contains(AppStatus.FAILED);
      assertThat(sageMaker.appStatus(DOMAIN, null, "team-forecasting", "JupyterLab", "default"))
          .contains(AppStatus.IN_SERVICE);
      assertThat(sageMaker.appStatus(DOMAIN, null, "kim-lee-private", "CodeEditor", "default"))
          .contains(AppStatus.IN_SERVICE);
      assertThat(sageMaker.appStatus(DOMAIN, "kim-lee", null, "Canvas", "default"))
          .contains(AppStatus.IN_SERVICE);
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteSpace"))
          .extracting(call -> call.parameters().path("SpaceName").asText())
          .containsExactlyInAnyOrder("pat-jones-notebooks", "pat-jones-code");
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteApp"))
          .extracting(
              call ->
                  call.parameters().path("AppName").asText()
                      + "@"
                      + call.parameters().path("SpaceName").asText(""))
          .hasSize(18)
          .doesNotContain(
              "default@team-forecasting",
              "default@kim-lee-private",
              "broken-1@",
              "broken-2@",
              "closed-1@",
              "closing-1@");
      // Polls list; they never describe an app.
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DescribeApp")).isEmpty();

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      JsonNode message = notification.message();
      // 12 running, 4 starting, 3 deleting, 2 in the spaces; not the 2 Deleted, not the 2 Failed.
      assertThat(message.at("/deleted/appCount").asInt()).isEqualTo(21);
      assertThat(message.at("/deleted/apps")).hasSize(21);
      assertThat(names(message.at("/deleted/apps"), "status")).containsOnly("Deleted");
      assertThat(names(message.at("/deleted/spaces"), "spaceName"))
          .containsExactly("pat-jones-notebooks", "pat-jones-code");
      assertThat(names(message.at("/leftAlone/apps"), "appName"))
          .containsExactly("broken-1", "broken-2");
      assertThat(message.at("/deleted/userProfile/outcome").asText()).isEqualTo("DELETED");
      assertThat(message.at("/deleted/executionRole/outcome").asText()).isEqualTo("KEPT");
      assertThat(message.at("/leftBehind/homeEfsFileSystemUid").asText()).isNotBlank();
      assertThat(message.path("userProfileArn").asText())
          .isEqualTo(
              "arn:aws:sagemaker:us-east-1:123456789012:user-profile/" + DOMAIN + "/pat-jones");
    }
  }

  @Test
  void offboardsWithTheRoleOnboardingCreatedThroughAnIamOutage() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .endsWith("ShouldDeleteExecutionRole", "DeleteExecutionRole", "NotifyOffboarded");
      assertThat(simulation.emulator().iam().roleExists("jane-doe")).isFalse();
      assertThat(simulation.emulator().requestLog().calls("iam", "DeleteRole"))
          .extracting(call -> call.error().orElse("OK"))
          .containsExactly("ServiceUnavailable", "OK");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      assertThat(
              simulation
                  .emulator()
                  .sageMaker()
                  .appStatus(DOMAIN, null, "team-analytics", "CodeEditor", "default"))
          .contains(AppStatus.IN_SERVICE);

      JsonNode message = simulation.notification(execution).message();
      assertThat(message.at("/deleted/executionRole/outcome").asText()).isEqualTo("DELETED");
      assertThat(names(message.at("/deleted/apps"), "appName"))
          .containsExactlyInAnyOrder("default", "default");
      assertThat(names(message.at("/leftAlone/apps"), "appName"))
          .containsExactly("datascience-ml-t3-medium");
    }
  }

  @Test
  void anAppThatNeverFinishesDeletingEndsTheBoundedWaitInAFailureAndKeepsTheProfile() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-stuck-app.json");
        StudioUser user = StudioUser.of(simulation.emulator(), DOMAIN, "stuck-user");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      Execution execution = simulation.run("offboard-stuck-app.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.WaitTimedOut");
      assertThat(execution.cause().orElseThrow())
          .contains("gave up after 1800 seconds (MaxAppDeletionWaitSeconds 1800)")
          .contains("JupyterServer");
      assertThat(path(execution))
          .containsSubsequence(
              "DeleteUserResources",
              "WaitForDeletions",
              "AwaitDeletions",
              "BeginCompensation",
              "ProfileArnOfExistingProfile",
              "StartCompensation",
              "UndoProfile",
              "UndoRole",
              "NotifyFailure",
              "Failed")
          .doesNotContain("DeleteCreatedProfile", "DeleteCreatedRole");
      assertThat(took(execution)).isEqualTo(Duration.ofMinutes(30));
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "stuck-user"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteUserProfile"))
          .isEmpty();
      // The wait failed, and her access stays cut: the role denies everything, Studio is off.
      assertThatThrownBy(() -> user.launchApp("JupyterLab", "default"))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("explicit deny");
      assertThat(
              aws.sageMaker
                  .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("stuck-user"))
                  .userSettings()
                  .studioWebPortalAsString())
          .isEqualTo("DISABLED");
      assertThatThrownBy(
              () ->
                  aws.sageMaker.createPresignedDomainUrl(
                      r -> r.domainId(DOMAIN).userProfileName("stuck-user")))
          .isInstanceOf(SageMakerException.class)
          .hasMessageContaining("StudioWebPortal");

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      JsonNode message = notification.message();
      assertThat(message.path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.WaitTimedOut");
      assertThat(message.path("cause").asText()).contains("JupyterServer");
      assertThat(message.path("userProfileArn").asText()).endsWith("/stuck-user");
      // What the run set out to delete, from its first pass; nothing claims it was deleted.
      assertThat(names(message.at("/offboarding/apps/listed"), "appName"))
          .containsExactlyInAnyOrder("default", "kernel-1");
      assertThat(message.has("deleted")).isFalse();
      assertThat(message.at("/accessRevoked/executionRoleDenied").asBoolean()).isTrue();
      assertThat(message.at("/accessRevoked/studioDisabled").asBoolean()).isTrue();
      assertThat(message.at("/accessRevoked/notRevoked")).isEmpty();
    }
  }

  @Test
  void accessIsRevokedFirstSoTheUserCannotOpenAnAppWhileHerAppsAreDeleted() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json");
        StudioUser jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe")) {
      // A minute in, while her apps are being deleted, Jane tries to open Canvas once more.
      List<String> refusals = new ArrayList<>();
      simulation.at(
          Duration.ofMinutes(1),
          () -> {
            try {
              jane.launchApp("Canvas", "default");
            } catch (SageMakerException e) {
              refusals.add(e.awsErrorDetails().errorMessage());
            }
          });

      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).containsSubsequence("RevokeAccess", "DeleteUserResources");
      assertThat(refusals)
          .singleElement()
          .asString()
          .contains("not authorized to perform: sagemaker:CreateApp")
          .contains("explicit deny");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      assertThat(
              simulation
                  .emulator()
                  .sageMaker()
                  .appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
          .isEmpty();
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteUserProfile"))
          .as("asked once, when nothing is left")
          .hasSize(1);

      JsonNode message = simulation.notification(execution).message();
      assertThat(message.path("outcome").asText()).isEqualTo("SUCCEEDED");
      assertThat(names(message.at("/leftAlone/apps"), "appName"))
          .containsExactly("datascience-ml-t3-medium");
    }
  }

  @Test
  void aUserWhoOwnsASharedSpaceIsRefusedBeforeAnythingIsDeleted() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboard-owner-of-shared-space.json")) {
      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.SharedSpaceOwned");
      assertThat(execution.cause().orElseThrow()).contains("team-analytics");
      assertThat(path(execution))
          .startsWith(
              "Validate",
              "OnboardOrOffboard",
              "RevokeAccess",
              "RetainOrDelete",
              "DeleteUserResources")
          .endsWith("NotifyFailure", "Failed")
          .doesNotContain("AwaitDeletions", "DeleteExecutionRole");
      // Access is cut first and stays cut; nothing is deleted.
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly(
              "dynamodb:UpdateItem",
              "sagemaker:UpdateUserProfile",
              "sagemaker:AddTags",
              "sns:Publish");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .isPresent();

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      assertThat(notification.message().path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.SharedSpaceOwned");
      assertThat(notification.message().path("cause").asText())
          .contains("owns the shared space(s) team-analytics");
      assertThat(notification.message().at("/accessRevoked/studioDisabled").asBoolean()).isTrue();
      // Her role is not one this workflow made for her: never denied, and the message says so.
      assertThat(notification.message().at("/accessRevoked/executionRoleDenied").asBoolean())
          .isFalse();
      assertThat(notification.message().at("/accessRevoked/notRevoked/0").asText())
          .startsWith("executionRole: ");
    }
  }

  @Test
  void aUserWhoDoesNotExistIsAlreadyOffboarded() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution execution = simulation.run("offboard-unknown-user.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsExactly("Validate", "OnboardOrOffboard", "NotifyAlreadyOffboarded");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .as("only its order is recorded")
          .containsExactly("dynamodb:UpdateItem", "sns:Publish");
      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      assertThat(notification.message().path("nothingToDo").asBoolean()).isTrue();
      assertThat(notification.message().path("userProfileName").asText())
          .isEqualTo("left-long-ago");
    }
  }

  /**
   * Issue 11's size: 1,000 apps and 100 private spaces. What the state carries does not grow with
   * them (a tally and the first 50 names), the notification fits SNS, and the run is told.
   */
  @Test
  void aThousandAppsAndAHundredSpacesAreOffboardedAndNotified() {
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(LifecycleSimulation.PROJECT_ROOT)
            .scenario(
                ScenarioLoader.parse(
                    OffboardingBenchmark.scenario(1_000, 100, null).toString(), "1,000 apps"))
            .build()) {
      ObjectNode input = LifecycleSimulation.input("offboard-delete-role.json").deepCopy();
      input.put("domainId", "d-benchmark01").put("userProfileName", "bench-user");
      Execution execution = runtime.run(input);

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(runtime.emulator().sageMaker().userProfileStatus("d-benchmark01", "bench-user"))
          .isEmpty();
      assertThat(OffboardingBenchmark.largestPayload(execution))
          .as("under 64 KiB for N = 1,000")
          .isLessThan(64 * 1024);
      assertThat(ExecutionFigures.of(execution).billedTransitions())
          .as("issue 11's target: 20 + N + S")
          .isLessThanOrEqualTo(20 + 1_000 + 100);
      assertThat(took(execution)).isEqualTo(Duration.ofMinutes(3));

      List<Notification> notifications =
          runtime.notifications().stream()
              .map(m -> new Notification(m, LifecycleSimulation.parse(m.message())))
              .toList();
      assertThat(notifications).singleElement();
      Notification notification = notifications.get(0);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      JsonNode deleted = notification.message().path("deleted");
      assertThat(deleted.path("appCount").asInt()).isEqualTo(1_000);
      assertThat(deleted.path("apps")).hasSize(50);
      assertThat(deleted.path("spaceCount").asInt()).isEqualTo(100);
      assertThat(deleted.path("spaces")).hasSize(50);
      assertThat(notification.message().path("lists").asText()).contains("at most 50");
      // SNS takes messages up to 256 KiB.
      assertThat(notification.published().message().length()).isLessThan(256 * 1024);
    }
  }

  private static List<String> names(JsonNode items, String field) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.path(field).asText())
        .toList();
  }
}
