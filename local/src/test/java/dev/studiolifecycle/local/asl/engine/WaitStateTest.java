package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Wait: each way of saying how long, in virtual time. */
class WaitStateTest {

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private final VirtualClock clock = new VirtualClock(START);

  private Execution run(String waitFields, String input) {
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    String definition =
        "{'StartAt': 'W', 'States': {'W': {'Type': 'Wait', " + waitFields + ", 'End': true}}}";
    return engine.run(
        StateMachine.of("Waits", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput(json(input)));
  }

  private Instant exitedAt(Execution execution) {
    return execution.history().stream()
        .filter(e -> e.type() == HistoryEventType.WaitStateExited)
        .map(HistoryEvent::timestamp)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void secondsWaitsThatLongInVirtualTime() {
    Execution execution = run("'Seconds': 86400", "{'a': 1}");
    assertThat(exitedAt(execution)).isEqualTo(START.plusSeconds(86_400));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(86_400));
    assertThat(execution.output().orElseThrow())
        .isEqualTo(ExecutionEngine.parseInput(json("{'a': 1}")));
  }

  @Test
  void secondsPathReadsTheEffectiveInput() {
    Execution execution =
        run("'InputPath': '$.wait', 'SecondsPath': '$.seconds'", "{'wait': {'seconds': 125}}");
    assertThat(exitedAt(execution)).isEqualTo(START.plusSeconds(125));
    assertThat(execution.output().orElseThrow())
        .isEqualTo(ExecutionEngine.parseInput(json("{'seconds': 125}")));
  }

  @Test
  void timestampWaitsUntilThatInstant() {
    Execution execution = run("'Timestamp': '2026-01-05T10:30:00Z'", "{}");
    assertThat(exitedAt(execution)).isEqualTo(Instant.parse("2026-01-05T10:30:00Z"));
  }

  @Test
  void timestampPathWaitsUntilTheInstantInTheInput() {
    Execution execution =
        run("'TimestampPath': '$.until'", "{'until': '2026-01-05T09:05:00+00:00'}");
    assertThat(exitedAt(execution)).isEqualTo(Instant.parse("2026-01-05T09:05:00Z"));
  }

  @Test
  void aTimestampInThePastDoesNotWait() {
    Execution execution = run("'Timestamp': '2020-01-01T00:00:00Z'", "{}");
    assertThat(exitedAt(execution)).isEqualTo(START);
  }

  @Test
  void aSecondsPathThatIsNotANonNegativeIntegerFailsWithStatesRuntime() {
    Execution execution = run("'SecondsPath': '$.seconds'", "{'seconds': 'soon'}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow()).contains("non-negative integer");
  }

  @Test
  void aMissingSecondsPathFailsWithStatesRuntimeNamingThePath() {
    Execution execution = run("'SecondsPath': '$.seconds'", "{}");
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow()).contains("$.seconds");
  }

  @Test
  void aWaitLoopAdvancesVirtualTimeWithoutWallTime() {
    String definition =
        "{'StartAt': 'Check', 'States': {"
            + "'Check': {'Type': 'Choice', 'Choices': [{'Variable': '$.n', 'NumericGreaterThanEquals'"
            + ": 100, 'Next': 'Done'}], 'Default': 'Wait'},"
            + "'Wait': {'Type': 'Wait', 'Seconds': 60, 'Next': 'Count'},"
            + "'Count': {'Type': 'Pass', 'Parameters': {'n.$': 'States.MathAdd($.n, 1)'}, "
            + "'Next': 'Check'},"
            + "'Done': {'Type': 'Succeed'}}}";
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    Execution execution =
        engine.run(
            StateMachine.of("Loop", StateMachineDefinition.parse(json(definition))),
            "run",
            ExecutionEngine.parseInput(json("{'n': 0}")));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // 100 waits of a minute: 100 virtual minutes, no real waiting.
    assertThat(execution.stopDate()).contains(START.plusSeconds(6000));
  }

  /** Developer guide, Wait state: a Standard workflow may wait one year at most. */
  @Test
  void aWaitOfMoreThanAYearFailsTheExecution() {
    Execution execution = run("'Seconds': 99999999", "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow()).startsWith("Wait state delay is too long");
    assertThat(clock.instant()).isEqualTo(START);

    // A wait of one year is allowed, and leaves the execution no time: it times out.
    Execution yearLong = run("'Seconds': 31536000", "{}");
    assertThat(yearLong.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
  }

  /** Step Functions quotas: a Standard execution runs one year at most (States.Timeout). */
  @Test
  void anExecutionThatWaitsPastOneYearTimesOut() {
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    String twoWaits =
        "{'StartAt': 'A', 'States': {'A': {'Type': 'Wait', 'Seconds': 20000000, 'Next': 'B'},"
            + " 'B': {'Type': 'Wait', 'Seconds': 20000000, 'End': true}}}";
    Execution longRun =
        engine.run(
            StateMachine.of("Long", StateMachineDefinition.parse(json(twoWaits))),
            "long",
            ExecutionEngine.parseInput("{}"));
    assertThat(longRun.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(longRun.error()).contains("States.Timeout");
    assertThat(longRun.cause().orElseThrow()).contains("one year");
  }
}
