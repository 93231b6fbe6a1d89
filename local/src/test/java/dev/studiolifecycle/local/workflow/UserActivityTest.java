package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Studio user acting while she is offboarded, as the scenario files' timelines say: she tries to
 * open an app (refused: her Studio is disabled first), or deletes an app or a space herself.
 * Offboarding's next pass sees it in its listing, starts only what is still needed, waits for the
 * rest, and succeeds.
 */
class UserActivityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();
  private static final String DOMAIN = "d-studiolocal01";

  /** One input run on the scenario of its name, and what the emulator saw. */
  private record Result(
      Execution execution, List<RecordedCall> calls, List<ScheduledActions.Applied> users) {

    List<RecordedCall> calls(String caller, String operation) {
      return calls.stream()
          .filter(c -> caller.equals(c.caller()) && operation.equals(c.operation()))
          .toList();
    }

    List<String> path() {
      List<String> states = new ArrayList<>();
      for (HistoryEvent event : execution.history()) {
        if (event.details() instanceof EventDetails.StateEntered entered) {
          states.add(entered.name());
        }
      }
      return states;
    }

    Duration at(Instant instant) {
      return Duration.between(execution.startDate(), instant);
    }
  }

  private static Result run(String name) {
    Path events = ROOT.resolve("events");
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ROOT)
            .scenario(ScenarioLoader.load(events.resolve("scenarios").resolve(name)))
            .build()) {
      JsonNode input = JSON.readTree(events.resolve("statemachine").resolve(name).toFile());
      Execution execution = runtime.run(input);
      assertThat(execution.status())
          .as("%s: %s %s", name, execution.error().orElse(""), execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(runtime.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .as("the profile is deleted at the end")
          .isEmpty();
      return new Result(
          execution,
          runtime.emulator().requestLog().calls(),
          runtime.emulator().scheduledActions().applied());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String SWEEP = "DeleteUserResourcesFunction";

  @Test
  void anAppTheUserTriesToOpenDuringOffboardingIsRefusedHerStudioIsAlreadyDisabled() {
    Result result = run("offboard-app-refused-during-offboarding.json");

    assertThat(result.users())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.description())
                  .isEqualTo("CreateApp JupyterServer/default of user profile jane-doe");
              assertThat(action.accepted()).as("revoke first: Studio is disabled").isFalse();
              assertThat(action.refusal())
                  .contains("ValidationException")
                  .contains("StudioWebPortal DISABLED");
              assertThat(result.at(action.due())).isEqualTo(Duration.ofMinutes(1));
            });
    // Only the app she had: Canvas, then the profile once it is gone, never refused.
    assertThat(result.calls(SWEEP, "DeleteApp"))
        .extracting(c -> c.parameters().path("AppType").asText())
        .containsExactly("Canvas");
    List<RecordedCall> profileDeletions = result.calls(SWEEP, "DeleteUserProfile");
    assertThat(profileDeletions).extracting(RecordedCall::errorCode).containsExactly((String) null);
    assertThat(result.at(profileDeletions.get(0).time())).isEqualTo(Duration.ofMinutes(2));
    assertThat(result.path())
        .containsSubsequence("DeleteUserResources", "AwaitDeletions", "NotifyOffboarded");
  }

  @Test
  void anAppTheUserDeletedJustBeforeIsSeenDeletingAndAwaited() {
    Result result = run("offboard-app-deleted-by-user.json");

    ScheduledActions.Applied action = result.users().get(0);
    assertThat(result.users()).hasSize(1);
    assertThat(action.description()).isEqualTo("DeleteApp Canvas/default of user profile jane-doe");
    assertThat(action.accepted()).as(action.refusal()).isTrue();
    // 503 first; the retry's listing shows her deletion under way: no DeleteApp gets through.
    List<RecordedCall> deletions = result.calls(SWEEP, "DeleteApp");
    assertThat(deletions.get(0).errorCode()).isEqualTo("ServiceUnavailable");
    assertThat(deletions).noneMatch(RecordedCall::succeeded);
    assertThat(result.calls(SWEEP, "DeleteUserProfile"))
        .extracting(RecordedCall::errorCode)
        .containsExactly((String) null);
    assertThat(result.path())
        .containsSubsequence("DeleteUserResources", "AwaitDeletions", "NotifyOffboarded");
  }

  @Test
  void anEmptySpaceGoesAtOnceAndTheProfileWaitsUntilItIsGone() {
    Result result = run("offboard-space-deleted-by-user.json");

    assertThat(result.users())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.description()).isEqualTo("DeleteSpace jane-doe-private");
              assertThat(result.at(action.due())).isEqualTo(Duration.ofMinutes(1));
              assertThat(action.accepted()).isFalse();
              assertThat(action.refusal()).contains("is already being deleted");
            });
    // The first pass deletes the empty space with the Canvas app, not after it.
    RecordedCall spaceDeletion = result.calls(SWEEP, "DeleteSpace").get(0);
    assertThat(result.at(spaceDeletion.time())).isZero();
    // The space takes 5 minutes to go; the profile is deleted only after it has.
    RecordedCall profileDeletion = result.calls(SWEEP, "DeleteUserProfile").get(0);
    assertThat(profileDeletion.errorCode()).isNull();
    assertThat(result.at(profileDeletion.time())).isEqualTo(Duration.ofMinutes(5));
  }
}
