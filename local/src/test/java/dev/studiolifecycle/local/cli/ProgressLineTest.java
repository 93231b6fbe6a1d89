package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line: when the engine tells it, and what it says. */
class ProgressLineTest {

  private static final String WAITS =
      "{\"StartAt\": \"First\", \"States\": {"
          + "\"First\": {\"Type\": \"Wait\", \"Seconds\": 60, \"Next\": \"Second\"},"
          + "\"Second\": {\"Type\": \"Wait\", \"Seconds\": 120, \"End\": true}}}";

  @Test
  void theEngineTellsTheExecutionItDrivesBetweenStepsOnceTheIntervalHasPassed() {
    VirtualClock clock = new VirtualClock();
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    List<String> heard = new ArrayList<>();
    // A zero interval: due after every step, so that the test needs no wall-clock time.
    engine.onProgress(
        execution ->
            heard.add(
                ProgressLine.line("run", execution, clock.instant(), Duration.ofMillis(1500))),
        Duration.ZERO);

    Execution execution =
        engine.run(
            StateMachine.of("Waits", StateMachineDefinition.parse(WAITS)),
            "hr-1",
            JsonNodeFactory.instance.objectNode());

    assertThat(execution.isDone()).isTrue();
    assertThat(heard)
        .isNotEmpty()
        .contains("studio-lifecycle run: hr-1 in First, virtual +00:00:00 (1.5 s)")
        .contains("studio-lifecycle run: hr-1 in Second, virtual +00:01:00 (1.5 s)");
  }

  @Test
  void beforeTheIntervalHasPassedNothingIsTold() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock()).build();
    List<Execution> heard = new ArrayList<>();
    engine.onProgress(heard::add, Duration.ofDays(1));

    engine.run(
        StateMachine.of("Waits", StateMachineDefinition.parse(WAITS)),
        "hr-2",
        JsonNodeFactory.instance.objectNode());

    // Three virtual minutes, but not a wall-clock day.
    assertThat(heard).isEmpty();
  }
}
