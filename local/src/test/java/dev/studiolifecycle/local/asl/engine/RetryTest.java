package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retry: delays in virtual time, MaxDelaySeconds, jitter, retrier choice and counting. */
class RetryTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;

  private final FakeTasks tasks = new FakeTasks();

  private Execution run(String retry, Random random) {
    String definition =
        "{'StartAt': 'T', 'States': {"
            + "'T': {'Type': 'Task', 'Resource': '"
            + FN
            + "Flaky', 'Retry': "
            + retry
            + ", "
            + "'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Caught'}], 'End': true},"
            + "'Caught': {'Type': 'Pass', 'End': true}}}";
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).random(random).build();
    return engine.run(
        StateMachine.of("Retry", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput("{}"));
  }

  private Execution run(String retry) {
    return run(retry, new Random(0));
  }

  private void alwaysFailWith(String error) {
    tasks.on("Flaky", call -> TaskOutcome.failed(error, "it broke"));
  }

  /** Seconds after the start at which each call of the task happened. */
  private List<Double> callTimes() {
    return tasks.calls().stream()
        .map(c -> Duration.between(START, c.at()).toMillis() / 1000.0)
        .toList();
  }

  @Test
  void exponentialBackoffWithoutJitterWaitsExactly() {
    alwaysFailWith("Boom");
    run(
        "[{'ErrorEquals': ['Boom'], 'IntervalSeconds': 3, 'MaxAttempts': 3, "
            + "'BackoffRate': 2.0}]");
    // Delays 3, 6, 12 seconds.
    assertThat(callTimes()).containsExactly(0.0, 3.0, 9.0, 21.0);
  }

  @Test
  void defaultsAreOneSecondThreeAttemptsBackoffTwo() {
    alwaysFailWith("Boom");
    run("[{'ErrorEquals': ['Boom']}]");
    assertThat(callTimes()).containsExactly(0.0, 1.0, 3.0, 7.0);
  }

  @Test
  void maxDelaySecondsCapsEachDelay() {
    alwaysFailWith("Boom");
    run(
        "[{'ErrorEquals': ['Boom'], 'IntervalSeconds': 3, 'MaxAttempts': 4, 'BackoffRate': 2, "
            + "'MaxDelaySeconds': 5}]");
    // 3, then 6 -> 5, 12 -> 5, 24 -> 5.
    assertThat(callTimes()).containsExactly(0.0, 3.0, 8.0, 13.0, 18.0);
  }

  @Test
  void fractionalBackoffRateIsHonouredToTheMillisecond() {
    alwaysFailWith("Boom");
    run(
        "[{'ErrorEquals': ['Boom'], 'IntervalSeconds': 1, 'MaxAttempts': 3, "
            + "'BackoffRate': 1.5}]");
    assertThat(callTimes()).containsExactly(0.0, 1.0, 2.5, 4.75);
  }

  @Test
  void maxAttemptsZeroNeverRetries() {
    alwaysFailWith("Boom");
    Execution execution = run("[{'ErrorEquals': ['Boom'], 'MaxAttempts': 0}]");
    assertThat(callTimes()).containsExactly(0.0);
    assertThat(execution.output().orElseThrow().get("Error").asText()).isEqualTo("Boom");
  }

  @Test
  void fullJitterDelaysLieBetweenZeroAndTheComputedDelay() {
    alwaysFailWith("Boom");
    run(
        "[{'ErrorEquals': ['Boom'], 'IntervalSeconds': 10, 'MaxAttempts': 5, 'BackoffRate': 2, "
            + "'JitterStrategy': 'FULL'}]",
        new Random(42));
    List<Double> times = callTimes();
    assertThat(times).hasSize(6);
    List<Double> delays = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      delays.add(times.get(i) - times.get(i - 1));
    }
    double[] computed = {10, 20, 40, 80, 160};
    for (int i = 0; i < delays.size(); i++) {
      assertThat(delays.get(i)).isBetween(0.0, computed[i]);
    }
    // Jitter really randomises: the delays are not all the computed ones.
    assertThat(delays).isNotEqualTo(List.of(10.0, 20.0, 40.0, 80.0, 160.0));
  }

  @Test
  void fullJitterRepeatsWithTheSameSeed() {
    alwaysFailWith("Boom");
    String retry =
        "[{'ErrorEquals': ['Boom'], 'IntervalSeconds': 10, 'MaxAttempts': 3, "
            + "'JitterStrategy': 'FULL'}]";
    run(retry, new Random(7));
    List<Double> first = callTimes();
    FakeTasks again = new FakeTasks().on("Flaky", call -> TaskOutcome.failed("Boom", "x"));
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START))
            .taskInvoker(again)
            .random(new Random(7))
            .build();
    engine.run(
        StateMachine.of(
            "Retry",
            StateMachineDefinition.parse(
                json(
                    "{'StartAt': 'T', "
                        + "'States': {'T': {'Type': 'Task', 'Resource': '"
                        + FN
                        + "Flaky', 'Retry': "
                        + retry
                        + ", 'End': true}}}"))),
        "run",
        ExecutionEngine.parseInput("{}"));
    assertThat(
            again.calls().stream()
                .map(c -> Duration.between(START, c.at()).toMillis() / 1000.0)
                .toList())
        .isEqualTo(first);
  }

  @Test
  void eachRetrierCountsItsOwnAttemptsAndTheFirstMatchDecides() {
    // The developer guide's example: errors ErrorA, ErrorB, ErrorC, ErrorB. The first two match
    // the first retrier (waits 1 and 2 s), the third the second retrier (5 s); the fourth matches
    // the first retrier again, which has used its two attempts, so the catcher takes over.
    Iterator<String> errors = List.of("ErrorA", "ErrorB", "ErrorC", "ErrorB").iterator();
    tasks.on("Flaky", call -> TaskOutcome.failed(errors.next(), "failed"));
    Execution execution =
        run(
            "[{'ErrorEquals': ['ErrorA', 'ErrorB'], 'IntervalSeconds': 1, "
                + "'BackoffRate': 2.0, 'MaxAttempts': 2}, {'ErrorEquals': ['ErrorC'], "
                + "'IntervalSeconds': 5}]");
    assertThat(callTimes()).containsExactly(0.0, 1.0, 3.0, 8.0);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow().get("Error").asText()).isEqualTo("ErrorB");
  }

  @Test
  void aMatchingButExhaustedRetrierStopsLaterRetriersFromRetrying() {
    alwaysFailWith("Boom");
    run(
        "[{'ErrorEquals': ['Boom'], 'MaxAttempts': 1}, {'ErrorEquals': ['States.ALL'], "
            + "'MaxAttempts': 5}]");
    assertThat(callTimes()).containsExactly(0.0, 1.0);
  }

  @Test
  void aRetryThatSucceedsContinuesWithItsResult() {
    Iterator<TaskOutcome> outcomes =
        List.of(TaskOutcome.failed("Boom", "once"), TaskOutcome.succeeded(TextNode.valueOf("ok")))
            .iterator();
    tasks.on("Flaky", call -> outcomes.next());
    Execution execution = run("[{'ErrorEquals': ['Boom']}]");
    assertThat(execution.output().orElseThrow()).isEqualTo(TextNode.valueOf("ok"));
    assertThat(tasks.calls())
        .extracting(c -> c.context().get("State").get("RetryCount").asInt())
        .containsExactly(0, 1);
  }

  @Test
  void statesRuntimeIsNeverRetried() {
    alwaysFailWith("States.Runtime");
    Execution execution = run("[{'ErrorEquals': ['States.ALL'], 'MaxAttempts': 3}]");
    assertThat(callTimes()).containsExactly(0.0);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
  }
}
