package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ChoiceStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ChoiceStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ExecutionFailed;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ExecutionStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ExecutionSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.FailStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.LambdaFunctionFailed;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.LambdaFunctionScheduled;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.LambdaFunctionStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.LambdaFunctionSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapIterationStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapIterationSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapStateStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.MapStateSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ParallelStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ParallelStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ParallelStateStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.ParallelStateSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.PassStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.PassStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.SucceedStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.SucceedStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskFailed;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskScheduled;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskStarted;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskStateExited;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.TaskSucceeded;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.WaitStateEntered;
import static dev.studiolifecycle.local.asl.history.HistoryEventType.WaitStateExited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event sequences an execution records, with ids, previous ids and details. */
class HistoryTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;

  private final FakeTasks tasks =
      new FakeTasks()
          .on("Hello", call -> TaskOutcome.succeeded(TextNode.valueOf("hi")))
          .on(
              "publish",
              call ->
                  TaskOutcome.succeeded(ExecutionEngine.parseInput("{\"MessageId\": \"m-1\"}")));

  private Execution run(String definition) {
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).build();
    return engine.run(
        StateMachine.of("History", StateMachineDefinition.parse(json(definition))),
        "run",
        ExecutionEngine.parseInput(json("{'go': true}")));
  }

  @Test
  void aTaskWithAnIntegrationRecordsTaskEvents() {
    Execution execution =
        run(
            "{'StartAt': 'Notify', 'States': {'Notify': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::sns:publish', 'Parameters': {'TopicArn': 'arn:t', "
                + "'Message.$': '$'}, 'End': true}}}");
    List<HistoryEvent> history = execution.history();
    assertThat(history)
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            TaskStateEntered,
            TaskScheduled,
            TaskStarted,
            TaskSucceeded,
            TaskStateExited,
            ExecutionSucceeded);
    assertThat(history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    // As in Step Functions, the first state's entry follows event 0.
    assertThat(history)
        .extracting(HistoryEvent::previousEventId)
        .containsExactly(0L, 0L, 2L, 3L, 4L, 5L, 6L);
    assertThat(history.get(0).details())
        .isEqualTo(
            new EventDetails.ExecutionStarted(
                "{\"go\":true}",
                "arn:aws:iam::123456789012:role/service-role/" + "StepFunctions-History-role"));
    assertThat(history.get(2).details())
        .isEqualTo(
            new EventDetails.TaskScheduled(
                "sns",
                "publish",
                "us-east-1",
                "{\"TopicArn\":\"arn:t\",\"Message\":{\"go\":true}}",
                0,
                0));
    assertThat(history.get(4).details())
        .isEqualTo(new EventDetails.TaskSucceeded("sns", "publish", "{\"MessageId\":\"m-1\"}"));
    assertThat(history.get(6).details())
        .isEqualTo(new EventDetails.ExecutionSucceeded("{\"MessageId\":\"m-1\"}"));
  }

  @Test
  void aLambdaFunctionArnRecordsLambdaFunctionEvents() {
    Execution execution =
        run(
            "{'StartAt': 'Hello', 'States': {'Hello': {'Type': 'Task', "
                + "'Resource': '"
                + FN
                + "Hello', 'TimeoutSeconds': 30, 'End': true}}}");
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            TaskStateEntered,
            LambdaFunctionScheduled,
            LambdaFunctionStarted,
            LambdaFunctionSucceeded,
            TaskStateExited,
            ExecutionSucceeded);
    assertThat(execution.history().get(2).details())
        .isEqualTo(new EventDetails.LambdaFunctionScheduled(FN + "Hello", "{\"go\":true}", 30));
  }

  @Test
  void aRetriedTaskRecordsEachAttemptButEntersOnce() {
    Iterator<TaskOutcome> outcomes =
        List.of(TaskOutcome.failed("Boom", "x"), TaskOutcome.succeeded(TextNode.valueOf("ok")))
            .iterator();
    tasks.on("Flaky", call -> outcomes.next());
    Execution execution =
        run(
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '"
                + FN
                + "Flaky', 'Retry': [{'ErrorEquals': ['Boom']}], 'End': true}}}");
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            TaskStateEntered,
            LambdaFunctionScheduled,
            LambdaFunctionStarted,
            LambdaFunctionFailed,
            LambdaFunctionScheduled,
            LambdaFunctionStarted,
            LambdaFunctionSucceeded,
            TaskStateExited,
            ExecutionSucceeded);
  }

  @Test
  void everyStateTypeRecordsItsEnteredAndExitedEvents() {
    Execution execution =
        run(
            "{'StartAt': 'Pass', 'States': {"
                + "'Pass': {'Type': 'Pass', 'Next': 'Choice'},"
                + "'Choice': {'Type': 'Choice', 'Choices': [{'Variable': '$.go', 'BooleanEquals': true, "
                + "'Next': 'Wait'}]},"
                + "'Wait': {'Type': 'Wait', 'Seconds': 1, 'Next': 'Done'},"
                + "'Done': {'Type': 'Succeed'}}}");
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            PassStateEntered,
            PassStateExited,
            ChoiceStateEntered,
            ChoiceStateExited,
            WaitStateEntered,
            WaitStateExited,
            SucceedStateEntered,
            SucceedStateExited,
            ExecutionSucceeded);
    assertThat(execution.history())
        .extracting(HistoryEvent::timestamp)
        .containsExactly(
            START,
            START,
            START,
            START,
            START,
            START,
            START.plusSeconds(1),
            START.plusSeconds(1),
            START.plusSeconds(1),
            START.plusSeconds(1));
  }

  @Test
  void aCaughtErrorExitsTheStateAndAFailStateFailsTheExecution() {
    tasks.on("Broken", call -> TaskOutcome.failed("Boom", "broken"));
    Execution execution =
        run(
            "{'StartAt': 'T', 'States': {"
                + "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': "
                + "{'FunctionName': 'Broken'}, 'Catch': [{'ErrorEquals': ['States.ALL'], "
                + "'Next': 'F'}], 'End': true},"
                + "'F': {'Type': 'Fail', 'Error': 'Failed', 'Cause': 'see above'}}}");
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            TaskStateEntered,
            TaskScheduled,
            TaskStarted,
            TaskFailed,
            TaskStateExited,
            FailStateEntered,
            ExecutionFailed);
    assertThat(execution.history().get(4).details())
        .isEqualTo(new EventDetails.TaskFailure("lambda", "invoke", "Boom", "broken"));
    assertThat(execution.history().get(7).details())
        .isEqualTo(new EventDetails.ExecutionFailure("Failed", "see above"));
  }

  @Test
  void parallelBranchesFollowParallelStateStarted() {
    Execution execution =
        run(
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', "
                + "'Branches': [{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'End': true}}}], "
                + "'End': true}}}");
    List<HistoryEvent> history = execution.history();
    assertThat(history)
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            ParallelStateEntered,
            ParallelStateStarted,
            PassStateEntered,
            PassStateExited,
            ParallelStateSucceeded,
            ParallelStateExited,
            ExecutionSucceeded);
    assertThat(history.get(3).previousEventId()).isEqualTo(history.get(2).id());
    assertThat(history.get(5).previousEventId()).isEqualTo(history.get(4).id());
  }

  @Test
  void mapIterationsAreNumberedAndFollowMapStateStarted() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    Execution execution =
        engine.run(
            StateMachine.of(
                "History",
                StateMachineDefinition.parse(
                    json(
                        "{'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemsPath': '$.items', "
                            + "'ItemProcessor': {'StartAt': 'A', 'States': {'A': {'Type': 'Pass', "
                            + "'End': true}}}, 'End': true}}}"))),
            "run",
            ExecutionEngine.parseInput(json("{'items': [1, 2]}")));
    List<HistoryEvent> history = execution.history();
    assertThat(history)
        .extracting(HistoryEvent::type)
        .containsExactly(
            ExecutionStarted,
            MapStateEntered,
            MapStateStarted,
            MapIterationStarted,
            MapIterationStarted,
            PassStateEntered,
            PassStateExited,
            MapIterationSucceeded,
            PassStateEntered,
            PassStateExited,
            MapIterationSucceeded,
            MapStateSucceeded,
            MapStateExited,
            ExecutionSucceeded);
    assertThat(history.get(2).details()).isEqualTo(new EventDetails.MapStateStarted(2));
    assertThat(history.get(3).details()).isEqualTo(new EventDetails.MapIteration("M", 0));
    assertThat(history.get(4).details()).isEqualTo(new EventDetails.MapIteration("M", 1));
    assertThat(history.get(3).previousEventId()).isEqualTo(history.get(2).id());
    assertThat(history.get(4).previousEventId()).isEqualTo(history.get(2).id());
  }
}
