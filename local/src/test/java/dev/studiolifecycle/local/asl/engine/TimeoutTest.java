package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Task TimeoutSeconds/TimeoutSecondsPath/HeartbeatSeconds and the state machine's timeout. */
class TimeoutTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;
  private static final String SNS = "arn:aws:states:::sns:publish";

  /** A fake resource that "takes" as many seconds as its input's "takes" field. */
  private final FakeTasks tasks =
      new FakeTasks()
          .on(
              "publish",
              call ->
                  TaskOutcome.succeeded(TextNode.valueOf("done"))
                      .after(Duration.ofSeconds(call.parameters().get("takes").asLong())));

  private Execution run(String definition, String input) {
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).build();
    return engine.run(
        StateMachine.of("Timeouts", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput(json(input)));
  }

  private static String task(String timeoutFields) {
    return "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '"
        + SNS
        + "', "
        + "'Parameters': {'takes.$': '$.takes', 'TopicArn': 't', 'Message': 'm'}, "
        + timeoutFields
        + ", 'End': true}}}";
  }

  @Test
  void aTaskLongerThanTimeoutSecondsFailsWithStatesTimeoutAtTheTimeout() {
    Execution execution = run(task("'TimeoutSeconds': 5"), "{'takes': 20}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Timeout");
    assertThat(execution.stopDate()).contains(START.plusSeconds(5));
    HistoryEvent timedOut =
        execution.history().stream()
            .filter(e -> e.type() == HistoryEventType.TaskTimedOut)
            .findFirst()
            .orElseThrow();
    assertThat(timedOut.timestamp()).isEqualTo(START.plusSeconds(5));
    assertThat(((EventDetails.TaskFailure) timedOut.details()).error()).isEqualTo("States.Timeout");
  }

  @Test
  void aTaskWithinTimeoutSecondsSucceedsAfterItsDuration() {
    Execution execution = run(task("'TimeoutSeconds': 30"), "{'takes': 20}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.stopDate()).contains(START.plusSeconds(20));
  }

  @Test
  void timeoutSecondsPathReadsTheTimeoutFromTheInput() {
    Execution execution = run(task("'TimeoutSecondsPath': '$.limit'"), "{'takes': 20, 'limit': 7}");
    assertThat(execution.error()).contains("States.Timeout");
    assertThat(execution.stopDate()).contains(START.plusSeconds(7));
  }

  @Test
  void aTaskPastHeartbeatSecondsFailsWithHeartbeatTimeout() {
    Execution execution =
        run(task("'TimeoutSeconds': 60, 'HeartbeatSeconds': 10"), "{'takes': 20}");
    assertThat(execution.error()).contains("States.HeartbeatTimeout");
    assertThat(execution.stopDate()).contains(START.plusSeconds(10));
  }

  @Test
  void aTimeoutCanBeRetriedAndCaught() {
    Execution execution =
        run(
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '"
                + SNS
                + "', 'Parameters': {'takes': 20, 'TopicArn': 't', 'Message': 'm'}, "
                + "'TimeoutSeconds': 5, 'Retry': [{'ErrorEquals': ['States.Timeout'], "
                + "'IntervalSeconds': 2, 'MaxAttempts': 1}], 'Catch': [{'ErrorEquals': "
                + "['States.Timeout'], 'Next': 'Late'}], 'End': true}, 'Late': {'Type': 'Pass', "
                + "'End': true}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow().get("Error").asText()).isEqualTo("States.Timeout");
    // 5 s, a 2 s retry delay, 5 s again.
    assertThat(execution.stopDate()).contains(START.plusSeconds(12));
  }

  @Test
  void theStateMachineTimeoutEndsTheExecutionTimedOut() {
    Execution execution =
        run(
            "{'TimeoutSeconds': 30, 'StartAt': 'W', 'States': {'W': "
                + "{'Type': 'Wait', 'Seconds': 100, 'Next': 'After'}, 'After': {'Type': 'Pass', "
                + "'End': true}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(execution.error()).contains("States.Timeout");
    assertThat(execution.stopDate()).contains(START.plusSeconds(30));
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.WaitStateExited, HistoryEventType.PassStateEntered)
        .last()
        .isEqualTo(HistoryEventType.ExecutionTimedOut);
  }

  @Test
  void anExecutionThatEndsBeforeItsTimeoutSucceeds() {
    Execution execution =
        run(
            "{'TimeoutSeconds': 300, 'StartAt': 'W', 'States': {'W': "
                + "{'Type': 'Wait', 'Seconds': 100, 'End': true}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.stopDate()).contains(START.plusSeconds(100));
  }

  @Test
  void theStateMachineTimeoutStopsALongTaskToo() {
    Execution execution =
        run(
            "{'TimeoutSeconds': 10, 'StartAt': 'T', 'States': {'T': {'Type': "
                + "'Task', 'Resource': '"
                + SNS
                + "', 'Parameters': {'takes': 60, 'TopicArn': 't', "
                + "'Message': 'm'}, 'End': true}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(execution.stopDate()).contains(START.plusSeconds(10));
  }
}
