package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Catch: first match wins, error output and its ResultPath, and the predefined wildcards. */
class CatchTest {

  private final FakeTasks tasks = new FakeTasks();

  private Execution run(String catchers, String input) {
    String definition =
        "{'StartAt': 'T', 'States': {"
            + "'T': {'Type': 'Task', 'Resource': '"
            + FN
            + "Failing', 'TimeoutSeconds': 5, "
            + "'Catch': "
            + catchers
            + ", 'End': true}"
            + handler("First", catchers)
            + handler("Second", catchers)
            + "}}";
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock()).taskInvoker(tasks).build();
    return engine.run(
        StateMachine.of("Catch", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput(json(input)));
  }

  /** A Pass state that marks which catcher ran, only when a catcher leads to it. */
  private static String handler(String name, String catchers) {
    if (!catchers.contains("'" + name + "'")) {
      return "";
    }
    return ", '"
        + name
        + "': {'Type': 'Pass', 'Result': '"
        + name.toLowerCase(Locale.ROOT)
        + "', 'ResultPath': '$.handler', 'End': true}";
  }

  private void failWith(String error, String cause) {
    tasks.on("Failing", call -> TaskOutcome.failed(error, cause));
  }

  @Test
  void theFirstMatchingCatcherWins() {
    failWith("dev.example.ValidationError", "bad input");
    Execution execution =
        run(
            "[{'ErrorEquals': ['dev.example.Other'], 'Next': 'Second'}, "
                + "{'ErrorEquals': ['dev.example.ValidationError'], 'Next': 'First'}, "
                + "{'ErrorEquals': ['States.ALL'], 'Next': 'Second'}]",
            "{}");
    assertThat(execution.output().orElseThrow().get("handler").asText()).isEqualTo("first");
  }

  @Test
  void theErrorOutputReplacesTheInputByDefault() {
    failWith("Boom", "it broke");
    Execution execution = run("[{'ErrorEquals': ['Boom'], 'Next': 'First'}]", "{'x': 1}");
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            ExecutionEngine.parseInput(
                json("{'Error': 'Boom', 'Cause': 'it broke', 'handler': 'first'}")));
  }

  @Test
  void theCatchersResultPathPlacesTheErrorOutputInTheInput() {
    failWith("Boom", "it broke");
    Execution execution =
        run(
            "[{'ErrorEquals': ['Boom'], 'ResultPath': '$.error', " + "'Next': 'First'}]",
            "{'x': 1}");
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{'x': 1, 'error': {'Error': 'Boom', 'Cause': 'it broke'}, 'handler': 'first'}")));
  }

  @Test
  void taskFailedMatchesAnyErrorButTimeout() {
    failWith("dev.example.Anything", "x");
    assertThat(
            run(
                    "[{'ErrorEquals': ['States.TaskFailed'], 'Next': 'First'}, "
                        + "{'ErrorEquals': ['States.ALL'], 'Next': 'Second'}]",
                    "{}")
                .output()
                .orElseThrow()
                .get("handler")
                .asText())
        .isEqualTo("first");

    tasks.on(
        "Failing",
        call ->
            TaskOutcome.succeeded(ExecutionEngine.parseInput("{}")).after(Duration.ofSeconds(10)));
    Execution timedOut =
        run(
            "[{'ErrorEquals': ['States.TaskFailed'], 'Next': 'First'}, "
                + "{'ErrorEquals': ['States.ALL'], 'Next': 'Second'}]",
            "{}");
    JsonNode output = timedOut.output().orElseThrow();
    assertThat(output.get("Error").asText()).isEqualTo("States.Timeout");
    assertThat(output.get("handler").asText()).isEqualTo("second");
  }

  @Test
  void statesAllDoesNotCatchStatesRuntime() {
    failWith("States.Runtime", "broken path");
    Execution execution = run("[{'ErrorEquals': ['States.ALL'], 'Next': 'First'}]", "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
  }

  @Test
  void dataLimitExceededIsOnlyCaughtByName() {
    String big = "x".repeat(300 * 1024);
    tasks.on(
        "Failing",
        call -> TaskOutcome.succeeded(ExecutionEngine.parseInput("{\"big\": \"" + big + "\"}")));
    Execution uncaught = run("[{'ErrorEquals': ['States.ALL'], 'Next': 'First'}]", "{}");
    assertThat(uncaught.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(uncaught.error()).contains("States.DataLimitExceeded");

    Execution caught =
        run(
            "[{'ErrorEquals': ['States.DataLimitExceeded'], 'ResultPath': "
                + "'$.error', 'Next': 'First'}]",
            "{}");
    assertThat(caught.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void anUncaughtErrorFailsTheExecutionWithItsErrorAndCause() {
    failWith("dev.example.ValidationError", "{\"errorMessage\": \"bad\"}");
    Execution execution = run("[{'ErrorEquals': ['dev.example.Other'], 'Next': 'First'}]", "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("dev.example.ValidationError");
    assertThat(execution.cause()).contains("{\"errorMessage\": \"bad\"}");
  }

  @Test
  void aFailStateEndsTheExecutionWithItsErrorAndCause() {
    String definition =
        "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", "
            + "\"ErrorPath\": \"$.code\", "
            + "\"CausePath\": \"States.Format('user {} is invalid', $.user)\"}}}";
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock()).build();
    Execution execution =
        engine.run(
            StateMachine.of("Fail", StateMachineDefinition.parse(definition)),
            "run",
            ExecutionEngine.parseInput(json("{'code': 'Invalid', 'user': 'jane'}")));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("Invalid");
    assertThat(execution.cause()).contains("user jane is invalid");
  }
}
