package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Context object ($$) as states see it. */
class ContextObjectTest {

  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void describesTheExecutionTheStateAndTheStateMachine() {
    String definition =
        "{'StartAt': 'Wait', 'States': {"
            + "'Wait': {'Type': 'Wait', 'Seconds': 90, 'Next': 'Read'},"
            + "'Read': {'Type': 'Pass', 'Parameters': {'context.$': '$$'}, 'End': true}}}";
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    Execution execution =
        engine.run(
            StateMachine.of("StudioUserLifecycle", StateMachineDefinition.parse(json(definition))),
            "onboard-jane",
            ExecutionEngine.parseInput(json("{'user': 'jane'}")));
    JsonNode context = execution.output().orElseThrow().get("context");
    assertThat(context)
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{"
                        + "'Execution': {"
                        + "'Id': 'arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:"
                        + "onboard-jane',"
                        + "'Input': {'user': 'jane'},"
                        + "'Name': 'onboard-jane',"
                        + "'RoleArn': 'arn:aws:iam::123456789012:role/service-role/"
                        + "StepFunctions-StudioUserLifecycle-role',"
                        + "'StartTime': '2026-01-05T09:00:00.000Z',"
                        + "'RedriveCount': 0},"
                        + "'State': {'EnteredTime': '2026-01-05T09:01:30.000Z', 'Name': 'Read', "
                        + "'RetryCount': 0},"
                        + "'StateMachine': {'Id': 'arn:aws:states:us-east-1:123456789012:stateMachine:"
                        + "StudioUserLifecycle', 'Name': 'StudioUserLifecycle'}}")));
    assertThat(context.has("Task")).as("no task token outside .waitForTaskToken").isFalse();
  }

  @Test
  void retryCountGrowsWithEachRetryWhileEnteredTimeStays() {
    Iterator<TaskOutcome> outcomes =
        List.of(
                TaskOutcome.failed("Boom", "1"),
                TaskOutcome.failed("Boom", "2"),
                TaskOutcome.succeeded(ExecutionEngine.parseInput("{}")))
            .iterator();
    FakeTasks tasks = new FakeTasks().on("Flaky", call -> outcomes.next());
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock(START)).taskInvoker(tasks).build();
    engine.run(
        StateMachine.of(
            "Ctx",
            StateMachineDefinition.parse(
                json(
                    "{'StartAt': 'T', "
                        + "'States': {'T': {'Type': 'Task', 'Resource': '"
                        + FN
                        + "Flaky', 'Parameters': "
                        + "{'retry.$': '$$.State.RetryCount'}, 'Retry': [{'ErrorEquals': ['Boom'], "
                        + "'IntervalSeconds': 5}], 'End': true}}}"))),
        "run",
        ExecutionEngine.parseInput("{}"));
    assertThat(tasks.calls())
        .extracting(c -> c.parameters().get("retry").asInt())
        .containsExactly(0, 1, 2);
    assertThat(tasks.calls())
        .extracting(c -> c.context().get("State").get("EnteredTime").asText())
        .containsOnly("2026-01-05T09:00:00.000Z");
  }

  @Test
  void theRoleArnIsTheStateMachinesRole() {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    StateMachine machine =
        StateMachine.of(
                "M",
                StateMachineDefinition.parse(
                    json(
                        "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': {'role.$': "
                            + "'$$.Execution.RoleArn'}, 'End': true}}}")))
            .withRoleArn("arn:aws:iam::123456789012:role/studio-lifecycle-StateMachineRole");
    Execution execution = engine.run(machine, "run", ExecutionEngine.parseInput("{}"));
    assertThat(execution.output().orElseThrow().get("role").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle-StateMachineRole");
  }
}
