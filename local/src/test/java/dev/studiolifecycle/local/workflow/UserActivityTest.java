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
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Studio user acting while she is offboarded, as the scenario files' timelines say: each pair of
 * events/statemachine and events/scenarios makes SageMaker refuse one of offboarding's deletions,
 * and offboarding confirms the conflict with a describe call and still succeeds.
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

    /** The outputs of the Lambda tasks that state {@code state} ran. */
    List<JsonNode> outputsOf(String state) {
      List<JsonNode> outputs = new ArrayList<>();
      for (HistoryEvent event : execution.history()) {
        if (event.details() instanceof EventDetails.LambdaFunctionSucceeded succeeded
            && state.equals(event.stateName())) {
          outputs.add(json(succeeded.output()));
        }
      }
      return outputs;
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

  @Test
  void anAppOpenedDuringOffboardingMakesTheProfileDeletionWaitForAnotherRound() {
    Result result = run("offboard-app-opened-during-offboarding.json");

    assertThat(result.users())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.description())
                  .isEqualTo("CreateApp JupyterServer/default of user profile jane-doe");
              assertThat(action.accepted()).as(action.refusal()).isTrue();
              assertThat(result.at(action.due())).isEqualTo(Duration.ofMinutes(1));
            });
    List<RecordedCall> deletions = result.calls("DeleteUserProfileFunction", "DeleteUserProfile");
    assertThat(deletions)
        .extracting(RecordedCall::errorCode)
        .containsExactly("ResourceInUse", null);
    // The refusal is confirmed by DescribeUserProfile (InService, not Deleting): ProfileInUse.
    RecordedCall describe = result.calls("DeleteUserProfileFunction", "DescribeUserProfile").get(0);
    assertThat(describe.sequence()).isGreaterThan(deletions.get(0).sequence());
    assertThat(describe.succeeded()).isTrue();
    List<String> path = result.path();
    assertThat(path)
        .containsSubsequence(
            "ListApps",
            "DeleteUserProfile",
            "CountInUseRound",
            "TooManyInUseRounds",
            "ListApps",
            "DeleteApps",
            "AwaitApps",
            "DeleteUserProfile",
            "AwaitProfileGone",
            "NotifyOffboarded");
    assertThat(Collections.frequency(path, "ListApps")).isEqualTo(2);
    assertThat(result.execution().history())
        .filteredOn(e -> "DeleteUserProfile".equals(e.stateName()))
        .map(HistoryEvent::details)
        .filteredOn(EventDetails.LambdaFunctionFailure.class::isInstance)
        .singleElement()
        .extracting(d -> ((EventDetails.LambdaFunctionFailure) d).error())
        .isEqualTo("dev.studiolifecycle.error.ProfileInUse");
    // The second round deletes the app she opened.
    assertThat(result.calls("DeleteAppFunction", "DeleteApp"))
        .extracting(c -> c.parameters().path("AppType").asText())
        .containsExactly("Canvas", "JupyterServer");
  }

  @Test
  void anAppTheUserDeletedJustBeforeIsAlreadyDeletingAndAwaited() {
    Result result = run("offboard-app-deleted-by-user.json");

    ScheduledActions.Applied action = result.users().get(0);
    assertThat(result.users()).hasSize(1);
    assertThat(action.description()).isEqualTo("DeleteApp Canvas/default of user profile jane-doe");
    assertThat(action.accepted()).as(action.refusal()).isTrue();
    // 503 first, throttled until DeleteApp's bucket refills (2 s), then refused: she was faster.
    List<RecordedCall> deletions = result.calls("DeleteAppFunction", "DeleteApp");
    assertThat(deletions.get(0).errorCode()).isEqualTo("ServiceUnavailable");
    RecordedCall refused = deletions.get(deletions.size() - 1);
    assertThat(refused.errorCode()).isEqualTo("ResourceInUse");
    assertThat(result.at(refused.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    // How many retries the bucket throttles depends on the retry jitter; none gets through.
    assertThat(deletions.subList(1, deletions.size() - 1))
        .allMatch(c -> "ThrottlingException".equals(c.errorCode()));
    assertThat(result.calls("DeleteAppFunction", "DescribeApp"))
        .singleElement()
        .satisfies(describe -> assertThat(describe.sequence()).isGreaterThan(refused.sequence()));
    assertThat(result.outputsOf("DeleteOneApp"))
        .singleElement()
        .satisfies(
            output -> assertThat(output.path("outcome").asText()).isEqualTo("ALREADY_DELETING"));
    // Offboarding waits for her deletion like for its own, then deletes the profile.
    assertThat(result.path())
        .containsSubsequence(
            "DeleteApps", "AwaitApps", "CheckStatus", "DeleteUserProfile", "NotifyOffboarded");
    assertThat(result.calls("DeleteUserProfileFunction", "DeleteUserProfile"))
        .extracting(RecordedCall::errorCode)
        .containsExactly((String) null);
  }

  @Test
  void aSpaceTheUserDeletedJustBeforeIsAlreadyDeletingAndAwaited() {
    Result result = run("offboard-space-deleted-by-user.json");

    assertThat(result.users())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.description()).isEqualTo("DeleteSpace jane-doe-private");
              assertThat(action.accepted()).as(action.refusal()).isTrue();
              assertThat(result.at(action.due())).isEqualTo(Duration.ofMinutes(1));
            });
    RecordedCall refused =
        result.calls("DeleteAppFunction", "DeleteSpace").stream().findFirst().orElseThrow();
    assertThat(refused.errorCode()).isEqualTo("ResourceInUse");
    assertThat(result.calls("DeleteAppFunction", "DescribeSpace"))
        .singleElement()
        .satisfies(describe -> assertThat(describe.sequence()).isGreaterThan(refused.sequence()));
    assertThat(result.outputsOf("DeleteOneSpace"))
        .singleElement()
        .satisfies(
            output -> assertThat(output.path("outcome").asText()).isEqualTo("ALREADY_DELETING"));
    // The space takes 5 minutes to go; the profile is deleted only after it has.
    assertThat(result.path())
        .containsSubsequence(
            "DeleteApps",
            "AwaitApps",
            "DeleteSpaces",
            "AwaitSpaces",
            "CheckStatus",
            "DeleteUserProfile",
            "NotifyOffboarded");
    RecordedCall profileDeletion =
        result.calls("DeleteUserProfileFunction", "DeleteUserProfile").get(0);
    assertThat(profileDeletion.errorCode()).isNull();
    assertThat(result.at(profileDeletion.time())).isGreaterThanOrEqualTo(Duration.ofMinutes(6));
  }
}
