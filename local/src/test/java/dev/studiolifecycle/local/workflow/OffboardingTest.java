package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import dev.studiolifecycle.local.runtime.StudioUser;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Offboarding end to end: template.yaml's state machine, the real handlers and the emulator, from
 * the inputs of events/statemachine/ and the scenarios of events/scenarios/.
 */
class OffboardingTest {

  private static final String DOMAIN = "d-studiolocal01";
  private static final Duration POLL = Duration.ofSeconds(30);

  @Test
  void offboards25AppsInMixedStatusesAndTwoPrivateSpacesLeavingOthersAlone() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboard-many-apps.json")) {
      Execution execution = simulation.run("offboard-many-apps.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      List<String> path = path(execution);
      assertThat(path)
          .startsWith(
              "Validate",
              "OnboardOrOffboard",
              "StartOffboarding",
              "ListApps",
              "DeleteApps",
              "RecordAppDeletions",
              "MergeAppDeletions",
              "HasAppsToAwait",
              "AwaitApps",
              "WaitBeforeCheck",
              "CheckStatus",
              "IsWaitOver");
      assertThat(path)
          .containsSubsequence(
              "AwaitApps",
              "AfterWait",
              "DeleteSpaces",
              "RecordSpaceDeletions",
              "MergeSpaceDeletions",
              "HasSpacesToAwait",
              "AwaitSpaces",
              "AfterWait",
              "DeleteUserProfile",
              "AwaitProfileGone",
              "AfterWait",
              "ShouldDeleteExecutionRole",
              "KeepExecutionRole",
              "NotifyOffboarded");
      assertThat(path).endsWith("KeepExecutionRole", "NotifyOffboarded");
      assertThat(Collections.frequency(path, "ListApps")).isOne();
      assertThat(Collections.frequency(path, "DeleteUserProfile")).isOne();
      assertThat(execution.history())
          .filteredOn(
              e ->
                  e.type() == HistoryEventType.MapIterationStarted
                      && "DeleteApps".equals(e.stateName()))
          .hasSize(18);
      assertThat(maxConcurrentIterations(execution, "DeleteApps")).isEqualTo(5);

      // The slowest app takes 9 minutes to delete; then the spaces and the profile 30 s each.
      Duration floor = Duration.ofMinutes(10);
      Duration took = Duration.between(execution.startDate(), execution.stopDate().orElseThrow());
      assertThat(took).isBetween(floor, floor.plus(POLL.multipliedBy(3)));

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
          .doesNotContain(
              "default@team-forecasting",
              "default@kim-lee-private",
              "broken-1@",
              "broken-2@",
              "closed-1@",
              "closing-1@");

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      JsonNode message = notification.message();
      assertThat(message.at("/deleted/apps")).hasSize(18);
      assertThat(names(message.at("/deleted/spaces"), "spaceName"))
          .containsExactly("pat-jones-notebooks", "pat-jones-code");
      assertThat(names(message.at("/leftAlone/apps"), "appName"))
          .containsExactly("broken-1", "broken-2");
      assertThat(message.at("/deleted/userProfile/outcome").asText()).isEqualTo("DELETING");
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
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-stuck-app.json")) {
      Execution execution = simulation.run("offboard-stuck-app.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("StudioLifecycle.WaitTimedOut");
      assertThat(execution.cause().orElseThrow())
          .contains("APPS")
          .contains("1800 seconds")
          .contains("JupyterServer");
      List<String> path = path(execution);
      assertThat(path)
          .containsSubsequence(
              "ListApps",
              "DeleteApps",
              "AwaitApps",
              "WaitBeforeCheck",
              "CheckStatus",
              "IsWaitOver",
              "WaitTimedOut",
              "BeginCompensation",
              "ProfileArnOfExistingProfile",
              "StartCompensation",
              "UndoProfile",
              "UndoRole",
              "NotifyFailure",
              "Failed");
      assertThat(path)
          .doesNotContain("DeleteUserProfile", "DeleteCreatedProfile", "DeleteCreatedRole");
      // MaxAppDeletionWaitSeconds (1800) in polls of PollIntervalSeconds (30).
      assertThat(Collections.frequency(path, "CheckStatus")).isEqualTo(61);
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "stuck-user"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "DeleteUserProfile"))
          .isEmpty();

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      JsonNode message = notification.message();
      assertThat(message.path("error").asText()).isEqualTo("StudioLifecycle.WaitTimedOut");
      assertThat(message.path("cause").asText()).contains("JupyterServer");
      assertThat(message.path("userProfileArn").asText()).endsWith("/stuck-user");
      assertThat(names(message.at("/deleted/apps"), "appName"))
          .containsExactlyInAnyOrder("default", "kernel-1");
    }
  }

  @Test
  void anAppCreatedDuringOffboardingMeansAnotherRoundThenSuccess() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json");
        StudioUser jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe")) {
      // A minute in, while her apps are being deleted, Jane opens Canvas once more.
      simulation.at(Duration.ofMinutes(1), () -> jane.launchApp("Canvas", "default"));

      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      List<String> path = path(execution);
      assertThat(path)
          .containsSubsequence(
              "ListApps",
              "DeleteApps",
              "AwaitApps",
              "DeleteSpaces",
              "DeleteUserProfile",
              "CountInUseRound",
              "TooManyInUseRounds",
              "ListApps",
              "DeleteApps",
              "AwaitApps",
              "DeleteUserProfile",
              "AwaitProfileGone",
              "DeleteExecutionRole",
              "NotifyOffboarded");
      assertThat(Collections.frequency(path, "ListApps")).isEqualTo(2);
      assertThat(Collections.frequency(path, "DeleteUserProfile")).isEqualTo(2);
      assertThat(
              execution.history().stream()
                  .filter(e -> "DeleteUserProfile".equals(e.stateName()))
                  .map(e -> e.details())
                  .filter(EventDetails.LambdaFunctionFailure.class::isInstance)
                  .map(d -> ((EventDetails.LambdaFunctionFailure) d).error()))
          .containsExactly("dev.studiolifecycle.error.ProfileInUse");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      assertThat(
              simulation
                  .emulator()
                  .sageMaker()
                  .appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
          .contains(AppStatus.DELETED);

      JsonNode message = simulation.notification(execution).message();
      assertThat(message.path("outcome").asText()).isEqualTo("SUCCEEDED");
      assertThat(names(message.at("/deleted/apps"), "appType"))
          .as("the apps of both rounds")
          .containsExactlyInAnyOrder("JupyterServer", "JupyterLab", "Canvas");
      assertThat(names(message.at("/leftAlone/apps"), "appName"))
          .containsExactly("datascience-ml-t3-medium");
    }
  }

  @Test
  void offboardingStartsOverAtMostMaxInUseRoundsTimesThenFails() {
    try (LifecycleSimulation simulation =
            LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("MaxInUseRounds", "1"));
        StudioUser jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe")) {
      // Jane opens Canvas during the first round, and a notebook space's app during the second.
      simulation.at(Duration.ofMinutes(1), () -> jane.launchApp("Canvas", "default"));
      simulation.at(Duration.ofMinutes(7), () -> jane.launchApp("JupyterServer", "again"));

      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.ProfileInUse");
      List<String> path = path(execution);
      assertThat(Collections.frequency(path, "ListApps")).as("started over once").isEqualTo(2);
      assertThat(path)
          .endsWith(
              "CountInUseRound",
              "TooManyInUseRounds",
              "BeginCompensation",
              "ProfileArnOfExistingProfile",
              "StartCompensation",
              "UndoProfile",
              "UndoRole",
              "NotifyFailure",
              "Failed");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.emulator().iam().roleExists("jane-doe")).isTrue();
      JsonNode message = simulation.notification(execution).message();
      assertThat(message.path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.ProfileInUse");
      assertThat(names(message.at("/deleted/apps"), "appType"))
          .containsExactlyInAnyOrder("JupyterServer", "JupyterLab", "Canvas");
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
          .startsWith("Validate", "OnboardOrOffboard", "StartOffboarding", "ListApps")
          .endsWith("NotifyFailure", "Failed")
          .doesNotContain("DeleteApps", "DeleteSpaces", "DeleteUserProfile", "DeleteExecutionRole");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);

      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      assertThat(notification.message().path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.SharedSpaceOwned");
      assertThat(notification.message().path("cause").asText())
          .contains("owns the shared space(s) team-analytics");
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
          .containsExactly("sns:Publish");
      Notification notification = simulation.notification(execution);
      assertThat(notification.outcome()).isEqualTo("SUCCEEDED");
      assertThat(notification.action()).isEqualTo("OFFBOARD");
      assertThat(notification.message().path("nothingToDo").asBoolean()).isTrue();
      assertThat(notification.message().path("userProfileName").asText())
          .isEqualTo("left-long-ago");
    }
  }

  private static List<String> names(JsonNode items, String field) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.path(field).asText())
        .toList();
  }

  /** The most iterations of a Map state that had started and not yet ended at one time. */
  private static int maxConcurrentIterations(Execution execution, String mapState) {
    List<Integer> running = new ArrayList<>(List.of(0));
    int now = 0;
    for (var event : execution.history()) {
      if (!mapState.equals(event.stateName())) {
        continue;
      }
      if (event.type() == HistoryEventType.MapIterationStarted) {
        now++;
      } else if (event.type() == HistoryEventType.MapIterationSucceeded
          || event.type() == HistoryEventType.MapIterationFailed
          || event.type() == HistoryEventType.MapIterationAborted) {
        now--;
      }
      running.add(now);
    }
    return Collections.max(running);
  }
}
