package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * states:startExecution.sync and .sync:2 in the local runtime: the child runs on the same clock,
 * the parent waits for it in virtual time and gets its description; a child that fails fails the
 * task, and a parent that gives up stops the child.
 */
class NestedExecutionTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/states";

  private AwsEmulator emulator;
  private LocalStepFunctions stepFunctions;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().build().start();
    stepFunctions = LocalStepFunctions.builder(emulator).build();
  }

  @AfterEach
  void stop() {
    stepFunctions.close();
    emulator.close();
  }

  private StateMachine machine(String name, String definition) {
    return stepFunctions
        .stepFunctions()
        .createStateMachine(name, definition.replace('\'', '"'), ROLE);
  }

  private StateMachine child(String waitSeconds, String end) {
    return machine(
        "child",
        "{'StartAt': 'Work', 'States': {"
            + "'Work': {'Type': 'Wait', 'Seconds': "
            + waitSeconds
            + ", 'Next': 'End'},"
            + "'End': "
            + end
            + "}}");
  }

  private StateMachine parent(String pattern, String extra) {
    return machine(
        "parent",
        "{'StartAt': 'Nest', 'States': {'Nest': {'Type': 'Task',"
            + " 'Resource': 'arn:aws:states:::states:startExecution"
            + pattern
            + "', 'Parameters': {'StateMachineArn':"
            + " 'arn:aws:states:us-east-1:123456789012:stateMachine:child',"
            + " 'Name': 'child-1', 'Input': {'who.$': '$.who'}}"
            + extra
            + ", 'End': true}}}");
  }

  private Execution run(StateMachine machine, String input) {
    Execution execution =
        stepFunctions.engine().start(machine, "run-1", LocalJson.MAPPER.valueToTree(parse(input)));
    return stepFunctions.engine().awaitCompletion(execution);
  }

  private static JsonNode parse(String json) {
    try {
      return LocalJson.MAPPER.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Execution childExecution() {
    return stepFunctions
        .engine()
        .execution("arn:aws:states:us-east-1:123456789012:execution:child:child-1")
        .orElseThrow();
  }

  @Test
  void sync2WaitsForTheChildAndGetsItsDescriptionWithJsonPayloads() {
    child("300", "{'Type': 'Pass', 'Result': {'done': true}, 'End': true}");
    Instant started = emulator.clock().instant();

    Execution parent = run(parent(".sync:2", ""), "{'who': 'jane-doe'}");

    assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = parent.output().orElseThrow();
    assertThat(output.path("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(output.path("Output")).isEqualTo(parse("{'done': true}"));
    assertThat(output.path("Input")).isEqualTo(parse("{'who': 'jane-doe'}"));
    assertThat(output.path("StopDate").asLong() - output.path("StartDate").asLong())
        .as("epoch milliseconds, the child's 300 s")
        .isEqualTo(300_000L);
    List<String> keys = new java.util.ArrayList<>();
    output.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSorted();
    assertThat(parent.stopDate().orElseThrow()).isEqualTo(started.plus(Duration.ofSeconds(300)));
    assertThat(parent.history())
        .extracting(HistoryEvent::type)
        .containsSubsequence(
            HistoryEventType.TaskScheduled,
            HistoryEventType.TaskStarted,
            HistoryEventType.TaskSubmitted,
            HistoryEventType.TaskSucceeded);
  }

  @Test
  void syncWithoutTwoGivesThePayloadsAsJsonText() {
    child("1", "{'Type': 'Pass', 'Result': {'done': true}, 'End': true}");

    Execution parent = run(parent(".sync", ""), "{'who': 'jane-doe'}");

    assertThat(parent.output().orElseThrow().path("Output").asText()).isEqualTo("{\"done\":true}");
  }

  @Test
  void aChildThatFailsFailsTheTaskWithItsDescriptionAsCause() {
    child("1", "{'Type': 'Fail', 'Error': 'Offboard.Failed', 'Cause': 'app would not die'}");

    Execution parent = run(parent(".sync:2", ""), "{'who': 'jane-doe'}");

    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parent.error()).contains("States.TaskFailed");
    JsonNode cause = parse(parent.cause().orElseThrow());
    assertThat(cause.path("Status").asText()).isEqualTo("FAILED");
    assertThat(cause.path("Error").asText()).isEqualTo("Offboard.Failed");
    assertThat(cause.path("Cause").asText()).isEqualTo("app would not die");
  }

  @Test
  void aTaskThatTimesOutStopsItsChild() {
    child("3600", "{'Type': 'Succeed'}");

    Execution parent = run(parent(".sync:2", ", 'TimeoutSeconds': 60"), "{'who': 'jane-doe'}");

    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parent.error()).contains("States.Timeout");
    Execution child = childExecution();
    assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(child.cause().orElseThrow())
        .isEqualTo(
            "The Task state in AWS Step Functions execution"
                + " [arn:aws:states:us-east-1:123456789012:execution:parent:run-1] which was"
                + " managing this resource timed out");
  }

  @Test
  void stoppingTheParentStopsTheChild() {
    child("3600", "{'Type': 'Succeed'}");
    Execution parent =
        stepFunctions.engine().start(parent(".sync:2", ""), "run-1", parse("{'who': 'jane-doe'}"));
    stepFunctions
        .engine()
        .scheduler()
        .runUntil(
            () ->
                stepFunctions
                    .engine()
                    .execution("arn:aws:states:us-east-1:123456789012:execution:child:child-1")
                    .isPresent());

    stepFunctions.engine().stop(parent, "Operator", "stopped by hand");
    stepFunctions.engine().runUntilIdle();

    assertThat(childExecution().status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(childExecution().cause().orElseThrow()).endsWith("was aborted");
  }

  @Test
  void aRefusedStartFailsTheTaskWithTheApisErrorName() {
    Execution parent = run(parent(".sync:2", ""), "{'who': 'jane-doe'}");

    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parent.error()).contains("StepFunctions.StateMachineDoesNotExistException");
  }
}
