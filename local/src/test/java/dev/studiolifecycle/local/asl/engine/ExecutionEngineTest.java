package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting, stopping and driving executions; several side by side on one clock. */
class ExecutionEngineTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;

  private static final StateMachine WAITS =
      StateMachine.of(
          "Waits",
          StateMachineDefinition.parse(
              json(
                  "{'StartAt': 'W', 'States': {'W': {'Type': 'Wait', "
                      + "'SecondsPath': '$.wait', 'Next': 'Done'}, 'Done': {'Type': 'Pass', 'Parameters': "
                      + "{'finished.$': '$$.State.EnteredTime'}, 'End': true}}}")));

  @Test
  void executionsRunSideBySideOnOneClock() {
    VirtualClock clock = new VirtualClock(START);
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    Execution slow = engine.start(WAITS, "slow", ExecutionEngine.parseInput("{\"wait\": 300}"));
    Execution fast = engine.start(WAITS, "fast", ExecutionEngine.parseInput("{\"wait\": 60}"));
    engine.runUntilIdle();
    assertThat(fast.output().orElseThrow().get("finished").asText())
        .isEqualTo("2026-01-05T09:01:00.000Z");
    assertThat(slow.output().orElseThrow().get("finished").asText())
        .isEqualTo("2026-01-05T09:05:00.000Z");
    // Both waited at once: the clock moved 300 s, not 360 s.
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
    assertThat(engine.executions()).containsExactly(slow, fast);
  }

  @Test
  void awaitingOneExecutionLetsTheOthersProgressUpToItsEnd() {
    VirtualClock clock = new VirtualClock(START);
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    Execution slow = engine.start(WAITS, "slow", ExecutionEngine.parseInput("{\"wait\": 300}"));
    Execution fast = engine.start(WAITS, "fast", ExecutionEngine.parseInput("{\"wait\": 60}"));
    engine.awaitCompletion(fast);
    assertThat(fast.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(slow.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
    engine.awaitCompletion(slow);
    assertThat(slow.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void stopAbortsARunningExecutionWithItsErrorAndCause() {
    VirtualClock clock = new VirtualClock(START);
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    Execution execution =
        engine.start(WAITS, "stopped", ExecutionEngine.parseInput("{\"wait\": 300}"));
    // Run until the execution waits in its Wait state, then stop it there.
    engine.scheduler().runUntil(() -> execution.history().size() == 2);
    assertThat(clock.instant()).isEqualTo(START);
    engine.stop(execution, "Operator.Stop", "no longer needed");
    engine.runUntilIdle();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.error()).contains("Operator.Stop");
    assertThat(execution.cause()).contains("no longer needed");
    List<HistoryEvent> history = execution.history();
    assertThat(history)
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.ExecutionStarted,
            HistoryEventType.WaitStateEntered,
            HistoryEventType.ExecutionAborted);
    assertThat(history.get(2).details())
        .isEqualTo(new EventDetails.ExecutionFailure("Operator.Stop", "no longer needed"));
  }

  @Test
  void stoppingAFinishedExecutionChangesNothing() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    Execution execution = engine.run(WAITS, "done", ExecutionEngine.parseInput("{\"wait\": 1}"));
    engine.stop(execution, "Late", null);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aBackgroundDriverNeverTimesOutAnExecutionStartedBesideIt() throws Exception {
    // The first state and the one-year time limit are queued together; a driver that saw the
    // time limit alone used to jump the virtual clock a year and time the execution out.
    for (int i = 0; i < 200; i++) {
      try (ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build()) {
        engine.startBackground();
        Execution execution =
            engine.start(WAITS, "race-" + i, ExecutionEngine.parseInput("{\"wait\": 1}"));
        assertThat(execution.completion().get(30, TimeUnit.SECONDS).status())
            .as("execution %d", i)
            .isEqualTo(ExecutionStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void aBackgroundThreadRunsExecutionsStartedFromOtherThreads() throws Exception {
    try (ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build()) {
      engine.startBackground();
      Execution execution =
          engine.start(WAITS, "async", ExecutionEngine.parseInput("{\"wait\": 3600}"));
      Execution done = execution.completion().get(30, TimeUnit.SECONDS);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.stopDate()).contains(START.plusSeconds(3600));
      assertThat(engine.awaitCompletion(execution)).isSameAs(execution);
      assertThatThrownBy(engine::runUntilIdle)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("background");
    }
  }

  @Test
  void aTaskThatTakesTimeKeepsOtherExecutionsRunning() {
    FakeTasks tasks =
        new FakeTasks()
            .on(
                "Slow",
                call ->
                    TaskOutcome.succeeded(TextNode.valueOf("slow")).after(Duration.ofMinutes(10)));
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).build();
    StateMachine slowTask =
        StateMachine.of(
            "SlowTask",
            StateMachineDefinition.parse(
                json(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '"
                        + FN
                        + "Slow', "
                        + "'End': true}}}")));
    Execution first = engine.start(slowTask, "first", ExecutionEngine.parseInput("{}"));
    Execution second = engine.start(WAITS, "second", ExecutionEngine.parseInput("{\"wait\": 120}"));
    engine.runUntilIdle();
    assertThat(second.stopDate()).contains(START.plusSeconds(120));
    assertThat(first.stopDate()).contains(START.plus(Duration.ofMinutes(10)));
  }

  @Test
  void refusesADuplicateExecutionName() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    engine.start(WAITS, "same", ExecutionEngine.parseInput("{\"wait\": 1}"));
    assertThatThrownBy(() -> engine.start(WAITS, "same", ExecutionEngine.parseInput("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Execution already exists")
        .hasMessageContaining("execution:Waits:same");
  }

  @Test
  void refusesBadNamesAndInputs() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    assertThatThrownBy(() -> engine.start(WAITS, "has space", ExecutionEngine.parseInput("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execution name");
    assertThatThrownBy(() -> engine.start(WAITS, "none", ExecutionEngine.parseInput("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON value");
    String big = "{\"big\": \"" + "x".repeat(260 * 1024) + "\"}";
    assertThatThrownBy(() -> engine.start(WAITS, "big", ExecutionEngine.parseInput(big)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("262144");
    assertThatThrownBy(() -> ExecutionEngine.parseInput("{nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesToStartTasksItCannotRun() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    StateMachine withTask =
        StateMachine.of(
            "WithTask",
            StateMachineDefinition.parse(
                json(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sqs:sendMessage', 'End': true}}}")));
    assertThatThrownBy(() -> engine.start(withTask, "run", ExecutionEngine.parseInput("{}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'T', field 'Resource'")
        .hasMessageContaining("arn:aws:states:::sqs:sendMessage");
  }

  @Test
  void anExecutionThatLoopsForeverFailsAtTheHistoryLimit() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    StateMachine loop =
        StateMachine.of(
            "Loop",
            StateMachineDefinition.parse(
                json(
                    "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'B'}, "
                        + "'B': {'Type': 'Pass', 'Next': 'A'}}}")));
    Execution execution = engine.run(loop, "forever", ExecutionEngine.parseInput("{}"));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow()).contains("25000");
    // Recorded on AWS: 25,000 events, then the ExecutionFailed that ends it.
    assertThat(execution.history()).hasSize(ExecutionRun.HISTORY_LIMIT + 1);
    assertThat(execution.history().get(ExecutionRun.HISTORY_LIMIT).type().name())
        .isEqualTo("ExecutionFailed");
  }
}
