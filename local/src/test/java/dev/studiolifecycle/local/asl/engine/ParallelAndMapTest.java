package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parallel and Map: results, failure of one branch or iteration, MaxConcurrency. */
class ParallelAndMapTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;

  private final FakeTasks tasks =
      new FakeTasks()
          .on(
              "Double",
              call ->
                  TaskOutcome.succeeded(IntNode.valueOf(call.parameters().asInt() * 2))
                      .after(Duration.ofSeconds(10)))
          .on(
              "Slow",
              call -> TaskOutcome.succeeded(IntNode.valueOf(1)).after(Duration.ofSeconds(30)))
          .on(
              "Fails",
              call ->
                  TaskOutcome.failed("dev.example.BranchError", "branch cause")
                      .after(Duration.ofSeconds(5)))
          .on("After", call -> TaskOutcome.succeeded(IntNode.valueOf(2)));

  private Execution run(String definition, String input) {
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).build();
    return engine.run(
        StateMachine.of("Fanout", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput(json(input)));
  }

  private static String task(String name, String function, String next) {
    return "'"
        + name
        + "': {'Type': 'Task', 'Resource': '"
        + FN
        + function
        + "', "
        + (next == null ? "'End': true" : "'Next': '" + next + "'")
        + "}";
  }

  @Test
  void parallelCollectsEachBranchOutputInBranchOrder() {
    Execution execution =
        run(
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', "
                + "'Branches': ["
                + "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Result': 'a', 'End': true}}},"
                + "{'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'InputPath': '$.n', 'End': true}}}"
                + "], 'ResultPath': '$.results', 'End': true}}}",
            "{'n': 4}");
    assertThat(execution.output().orElseThrow())
        .isEqualTo(ExecutionEngine.parseInput(json("{'n': 4, 'results': ['a', 4]}")));
  }

  @Test
  void aFailingBranchStopsTheOthersAndTheStateFailsWithItsError() {
    Execution execution =
        run(
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', "
                + "'Branches': ["
                + "{'StartAt': 'S', 'States': {"
                + task("S", "Slow", "AfterSlow")
                + ", "
                + task("AfterSlow", "After", null)
                + "}},"
                + "{'StartAt': 'F', 'States': {"
                + task("F", "Fails", null)
                + "}}"
                + "], 'End': true}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    // Step Functions propagates the failing branch's error and cause (not States.BranchFailed).
    assertThat(execution.error()).contains("dev.example.BranchError");
    assertThat(execution.cause()).contains("branch cause");
    // The slow branch was stopped: its next task never ran.
    assertThat(tasks.calls("After")).isEmpty();
    assertThat(execution.stopDate()).contains(START.plusSeconds(5));
    assertThat(types(execution))
        .containsSubsequence(
            HistoryEventType.ParallelStateStarted,
            HistoryEventType.LambdaFunctionFailed,
            HistoryEventType.ParallelStateFailed,
            HistoryEventType.ExecutionFailed);
  }

  @Test
  void aCatcherOnTheParallelStateHandlesTheBranchError() {
    Execution execution =
        run(
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', "
                + "'Branches': [{'StartAt': 'F', 'States': {"
                + task("F", "Fails", null)
                + "}}], "
                + "'Catch': [{'ErrorEquals': ['dev.example.BranchError'], 'ResultPath': '$.error', "
                + "'Next': 'Handled'}], 'End': true}, 'Handled': {'Type': 'Succeed'}}}",
            "{}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow().get("error"))
        .isEqualTo(
            ExecutionEngine.parseInput(
                json("{'Error': 'dev.example.BranchError', 'Cause': " + "'branch cause'}")));
  }

  @Test
  void mapRunsTheProcessorForEachItemAndKeepsItemOrder() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': "
                + "'$.numbers', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'INLINE'}, 'StartAt': 'D', "
                + "'States': {"
                + task("D", "Double", null)
                + "}}, 'ResultPath': '$.doubled', "
                + "'End': true}}}",
            "{'numbers': [3, 1, 2]}");
    assertThat(execution.output().orElseThrow().get("doubled"))
        .isEqualTo(ExecutionEngine.parseInput("[6, 2, 4]"));
    // All iterations run at once by default (MaxConcurrency 0): 10 s in total.
    assertThat(execution.stopDate()).contains(START.plusSeconds(10));
  }

  @Test
  void maxConcurrencyLimitsHowManyIterationsRunAtOnce() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', "
                + "'ItemsPath': '$.items', 'MaxConcurrency': 2, 'ItemProcessor': {'StartAt': 'D', "
                + "'States': {"
                + task("D", "Double", null)
                + "}}, 'End': true}}}",
            "{'items': [1, 2, 3, 4, 5]}");
    assertThat(execution.output().orElseThrow())
        .isEqualTo(ExecutionEngine.parseInput("[2, 4, 6, 8, 10]"));
    List<Long> starts =
        tasks.calls("Double").stream()
            .map(c -> Duration.between(START, c.at()).toSeconds())
            .toList();
    assertThat(starts).containsExactly(0L, 0L, 10L, 10L, 20L);
    assertThat(maxRunningAtOnce(starts, 10)).isEqualTo(2);
  }

  @Test
  void maxConcurrencyOneRunsIterationsOneAfterAnother() {
    run(
        "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'MaxConcurrency': 1, "
            + "'ItemsPath': '$.items', 'Iterator': {'StartAt': 'D', 'States': {"
            + task("D", "Double", null)
            + "}}, 'End': true}}}",
        "{'items': [1, 2, 3]}");
    assertThat(tasks.calls("Double").stream().map(c -> c.parameters().asInt()).toList())
        .containsExactly(1, 2, 3);
    assertThat(
            tasks.calls("Double").stream()
                .map(c -> Duration.between(START, c.at()).toSeconds())
                .toList())
        .containsExactly(0L, 10L, 20L);
  }

  @Test
  void aFailingIterationAbortsTheRunningOnesAndTheMapFailsWithItsError() {
    tasks.on(
        "Item",
        call ->
            call.parameters().asInt() == 2
                ? TaskOutcome.failed("dev.example.ItemError", "item 2 is bad")
                    .after(Duration.ofSeconds(5))
                : TaskOutcome.succeeded(call.parameters()).after(Duration.ofSeconds(30)));
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', "
                + "'MaxConcurrency': 3, 'ItemsPath': '$.items', 'ItemProcessor': {'StartAt': 'I', "
                + "'States': {"
                + task("I", "Item", null)
                + "}}, 'End': true}}}",
            "{'items': [1, 2, 3, 4]}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("dev.example.ItemError");
    assertThat(execution.cause()).contains("item 2 is bad");
    // Items 1 and 3 were running and were aborted; item 4 never started.
    assertThat(tasks.calls("Item").stream().map(c -> c.parameters().asInt()).toList())
        .containsExactly(1, 2, 3);
    List<HistoryEvent> history = execution.history();
    assertThat(
            history.stream()
                .filter(e -> e.type() == HistoryEventType.MapIterationAborted)
                .map(e -> ((EventDetails.MapIteration) e.details()).index())
                .toList())
        .containsExactly(0, 2);
    assertThat(types(execution))
        .containsSubsequence(
            HistoryEventType.MapIterationFailed,
            HistoryEventType.MapIterationAborted,
            HistoryEventType.MapStateFailed,
            HistoryEventType.ExecutionFailed);
  }

  @Test
  void itemSelectorSeesTheItemIndexAndValueInTheContextObject() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': "
                + "'$.users', 'ItemSelector': {'index.$': '$$.Map.Item.Index', 'user.$': "
                + "'$$.Map.Item.Value', 'domain.$': '$.domain'}, 'ItemProcessor': {'StartAt': 'P', "
                + "'States': {'P': {'Type': 'Pass', 'End': true}}}, 'End': true}}}",
            "{'domain': 'd-1', 'users': ['ann', 'bob']}");
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "[{'index': 0, 'user': 'ann', 'domain': 'd-1'}, "
                        + "{'index': 1, 'user': 'bob', 'domain': 'd-1'}]")));
  }

  @Test
  void theOlderIteratorAndParametersFieldsStillWork() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': "
                + "'$.items', 'Parameters': {'v.$': '$$.Map.Item.Value'}, 'Iterator': {'StartAt': 'P', "
                + "'States': {'P': {'Type': 'Pass', 'OutputPath': '$.v', 'End': true}}}, "
                + "'End': true}}}",
            "{'items': [7, 8]}");
    assertThat(execution.output().orElseThrow()).isEqualTo(ExecutionEngine.parseInput("[7, 8]"));
  }

  @Test
  void anEmptyItemListGivesAnEmptyResult() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', "
                + "'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, "
                + "'ItemsPath': '$.items', 'End': true}}}",
            "{'items': []}");
    assertThat(execution.output().orElseThrow()).isEqualTo(ExecutionEngine.parseInput("[]"));
  }

  @Test
  void itemsPathThatIsNotAnArrayFailsWithStatesRuntime() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', "
                + "'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, "
                + "'ItemsPath': '$.items', 'End': true}}}",
            "{'items': 'nope'}");
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow()).contains("must select a JSON array");
  }

  @Test
  void aRetryOnTheMapRunsEveryIterationAgain() {
    int[] attempts = {0};
    tasks.on(
        "Once",
        call ->
            attempts[0]++ < 1
                ? TaskOutcome.failed("Transient", "first try")
                : TaskOutcome.succeeded(call.parameters()));
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': "
                + "'$.items', 'MaxConcurrency': 1, 'ItemProcessor': {'StartAt': 'O', 'States': {"
                + task("O", "Once", null)
                + "}}, 'Retry': [{'ErrorEquals': ['Transient']}], "
                + "'End': true}}}",
            "{'items': [1, 2]}");
    assertThat(execution.output().orElseThrow()).isEqualTo(ExecutionEngine.parseInput("[1, 2]"));
    assertThat(tasks.calls("Once").stream().map(c -> c.parameters().asInt()).toList())
        .containsExactly(1, 1, 2);
  }

  private static List<HistoryEventType> types(Execution execution) {
    return execution.history().stream().map(HistoryEvent::type).toList();
  }

  /** The largest number of tasks running at one instant, given start times and a duration. */
  private static int maxRunningAtOnce(List<Long> starts, long duration) {
    List<long[]> intervals = new ArrayList<>();
    starts.forEach(s -> intervals.add(new long[] {s, s + duration}));
    int max = 0;
    for (long[] probe : intervals) {
      int running = 0;
      for (long[] other : intervals) {
        if (other[0] <= probe[0] && probe[0] < other[1]) {
          running++;
        }
      }
      max = Math.max(max, running);
    }
    return max;
  }

  @Test
  void mapInputDefaultsToTheWholeArrayInput() {
    Execution execution =
        run(
            "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', "
                + "'ItemProcessor': {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}, "
                + "'ItemsPath': '$.items', 'ResultSelector': {'count.$': '$.length()'}, "
                + "'End': true}}}",
            "{'items': [1, 2, 3]}");
    JsonNode output = execution.output().orElseThrow();
    assertThat(output.get("count").asInt()).isEqualTo(3);
  }
}
