package dev.studiolifecycle.local.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.sns.MessageAttribute;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionReportTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:";

  /**
   * Flaky fails once, then a Map runs Count on three items, then a loop of Wait > Count > Again
   * polls three times.
   */
  private static final String DEFINITION =
      """
      {"StartAt": "Flaky", "States": {
        "Flaky": {"Type": "Task", "Resource": "%1$sFlaky", "ResultPath": null,
          "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2}], "Next": "Each"},
        "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null,
          "ItemProcessor": {"StartAt": "CountOne", "States": {
            "CountOne": {"Type": "Task", "Resource": "%1$sCount", "End": true}}},
          "Next": "Start"},
        "Start": {"Type": "Pass", "Result": 0, "ResultPath": "$.n", "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 30, "Next": "Count"},
        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"},
          "OutputPath": "$", "ResultPath": "$.counted", "Next": "Again"},
        "Again": {"Type": "Choice", "Choices": [{"Variable": "$.counted.n",
          "NumericLessThan": 3, "Next": "Bump"}], "Default": "Done"},
        "Bump": {"Type": "Pass", "InputPath": "$.counted.n", "ResultPath": "$.n",
          "Next": "Pause"},
        "Done": {"Type": "Succeed"}}}
      """
          .formatted(FUNCTION);

  /** Flaky fails with Boom the first time; every other call succeeds at once. */
  private static final class Tasks implements TaskInvoker {
    private int flakyCalls;

    @Override
    public List<String> check(TaskState state) {
      return List.of();
    }

    @Override
    public TaskOutcome invoke(TaskInvocation invocation) {
      if (invocation.resource().arn().endsWith(":Flaky") && flakyCalls++ == 0) {
        return TaskOutcome.failed(
            "Boom", "{\"errorMessage\": \"first try\", \"errorType\": \"Boom\"}");
      }
      return TaskOutcome.succeeded(MAPPER.createObjectNode());
    }
  }

  private static Execution run() {
    try (ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock()).taskInvoker(new Tasks()).build()) {
      StateMachine machine = StateMachine.of("Report", StateMachineDefinition.parse(DEFINITION));
      return engine.run(machine, "run-1", ExecutionEngine.parseInput("{\"items\": [1, 2, 3]}"));
    }
  }

  private static PublishedMessage message(
      Execution execution, String arn, Duration after, String body) {
    return new PublishedMessage(
        "m-" + arn.hashCode(),
        "arn:aws:sns:us-east-1:123456789012:notify",
        "Done",
        body,
        Map.of("outcome", new MessageAttribute("String", "SUCCEEDED", null)),
        execution.startDate().plus(after),
        null);
  }

  @Test
  void timelineShowsStatesAtVirtualTimesWithRetriesMapsAndFoldedLoops() {
    Execution execution = run();
    ExecutionReport report = ExecutionReport.of(execution, List.of());

    assertThat(report.timeline())
        .isEqualTo(
            """
            +00:00:00      Flaky
                            ! +00:00:00  Boom: first try (retried)
            +00:00:02      Each  (3 items; 3 iterations succeeded, 3 tasks run)
            +00:00:02      Start
            +00:00:02      [Pause > Count > Again > Bump] x2 until +00:01:02
            +00:01:02      Pause
            +00:01:32      Count
            +00:01:32      Again
            +00:01:32      Done
            """);
    assertThat(report.outcome()).isEqualTo("SUCCEEDED at +00:01:32 (virtual time)");
  }

  @Test
  void statesStayInOneColumnPastNinetyNineHours() {
    String definition =
        """
        {"StartAt": "Retain", "States": {
          "Retain": {"Type": "Wait", "Seconds": 604800, "Next": "Flaky"},
          "Flaky": {"Type": "Task", "Resource": "%1$sFlaky",
            "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2}], "End": true}}}
        """
            .formatted(FUNCTION);
    Execution execution;
    try (ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock()).taskInvoker(new Tasks()).build()) {
      StateMachine machine = StateMachine.of("Long", StateMachineDefinition.parse(definition));
      execution = engine.run(machine, "run-1", ExecutionEngine.parseInput("{}"));
    }

    assertThat(ExecutionReport.of(execution, List.of()).timeline())
        .isEqualTo(
            """
            +00:00:00       Retain
            +168:00:00      Flaky
                             ! +168:00:00  Boom: first try (retried)
            """);
  }

  @Test
  void figuresCountEveryStateEnteredAndEveryLambdaInvocationRetriesIncluded() {
    Execution execution = run();
    ExecutionFigures figures = ExecutionReport.of(execution, List.of()).figures();

    // Flaky, Each, 3 x CountOne, Start, 3 x (Pause, Count, Again), 2 x Bump, Done.
    assertThat(figures.statesEntered()).isEqualTo(1 + 1 + 3 + 1 + 9 + 2 + 1);
    // Flaky's second attempt: Standard workflows bill a retry as a transition.
    assertThat(figures.retries()).isEqualTo(1);
    assertThat(figures.billedTransitions()).isEqualTo(19);
    // Flaky twice (one retry) and CountOne three times.
    assertThat(figures.lambdaInvocations()).isEqualTo(5);
    assertThat(figures.virtualDuration()).isEqualTo(Duration.ofSeconds(92));
    assertThat(figures.render())
        .isEqualTo(
            "19 state transitions billed (18 states, 1 retry), 5 Lambda invocations,"
                + " virtual duration 00:01:32");
    // 19 x $0.025 / 1,000 + 5 x $0.20 / 1,000,000.
    assertThat(figures.listPriceUsd()).isCloseTo(0.000476, within(1e-9));
    assertThat(figures.renderCost())
        .isEqualTo(
            "list price (us-east-1) $0.000476: Step Functions Standard $0.000475,"
                + " Lambda requests $0.000001");
  }

  @Test
  void reportsOnlyTheNotificationsOfItsExecutionLaidOutForReading() {
    Execution execution = run();
    PublishedMessage own =
        message(
            execution,
            execution.executionArn(),
            Duration.ofSeconds(92),
            "{\"outcome\": \"SUCCEEDED\", \"executionArn\": \""
                + execution.executionArn()
                + "\","
                + " \"deleted\": {\"apps\": [{\"appName\": \"a\"}, {\"appName\": \"b\"}],"
                + " \"spaces\": []}, \"ids\": [1, 2]}");
    PublishedMessage other =
        message(execution, "arn:other", Duration.ZERO, "{\"executionArn\": \"arn:other\"}");
    PublishedMessage notJson = message(execution, "x", Duration.ZERO, "plain text");

    ExecutionReport report = ExecutionReport.of(execution, List.of(other, own, notJson));

    assertThat(report.notifications()).containsExactly(own);
    assertThat(report.renderNotifications())
        .isEqualTo(
            """
            SNS notifications: 1
            +00:01:32      notify  "Done"  outcome=SUCCEEDED
                {
                  "outcome": "SUCCEEDED",
                  "executionArn": "%s",
                  "deleted": {
                    "apps": [
                      {"appName":"a"},
                      {"appName":"b"}
                    ],
                    "spaces": []
                  },
                  "ids": [1,2]
                }
            """
                .formatted(execution.executionArn()));
    String whole = report.render();
    assertThat(whole)
        .startsWith("Execution run-1  (Report)\n+00:00:00      Flaky\n")
        .contains("SUCCEEDED at +00:01:32 (virtual time)\nSNS notifications: 1\n")
        .endsWith(
            "19 state transitions billed (18 states, 1 retry), 5 Lambda invocations,"
                + " virtual duration 00:01:32\n"
                + "list price (us-east-1) $0.000476: Step Functions Standard $0.000475,"
                + " Lambda requests $0.000001\n");
    assertThat(report.timelineReport())
        .doesNotContain("SNS notifications")
        .endsWith(
            "virtual duration 00:01:32\nlist price (us-east-1) $0.000476: Step Functions Standard $0.000475, Lambda requests $0.000001\n");
  }

  @Test
  void aFailedExecutionShowsItsErrorAndTheCatchThatTookIt() {
    String definition =
        """
        {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "%1$sFlaky",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Broken"}], "End": true},
          "Broken": {"Type": "Fail", "Error": "Work.Failed", "Cause": "it broke"}}}
        """
            .formatted(FUNCTION);
    Execution execution;
    try (ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock()).taskInvoker(new Tasks()).build()) {
      execution =
          engine.run(
              StateMachine.of("Report", StateMachineDefinition.parse(definition)),
              "run-2",
              MAPPER.createObjectNode());
    }
    ExecutionReport report = ExecutionReport.of(execution, List.of());

    assertThat(report.timeline())
        .isEqualTo(
            """
            +00:00:00      Work
                            ! +00:00:00  Boom: first try (caught)
            +00:00:00      Broken
            """);
    assertThat(report.outcome())
        .isEqualTo("FAILED at +00:00:00 (virtual time): Work.Failed: " + "it broke");
    assertThat(report.figures().render())
        .isEqualTo(
            "2 state transitions billed (2 states, 0 retries), 1 Lambda invocation,"
                + " virtual duration 00:00:00");
  }

  @Test
  void offsetsShowMillisecondsOnlyWhenThereAreSome() {
    Instant start = Instant.parse("2026-01-05T09:00:00Z");
    assertThat(ExecutionReport.offset(start, start.plusSeconds(3725))).isEqualTo("+01:02:05    ");
    assertThat(ExecutionReport.offset(start, start.plusMillis(615))).isEqualTo("+00:00:00.615");
  }

  @Test
  void offsetsCountHoursBeyondADay() {
    assertThat(ExecutionReport.offset(Duration.ofHours(30).plusMinutes(1).plusSeconds(2)))
        .isEqualTo("+30:01:02    ");
  }

  @Test
  void userActionsShowWhenEachHappenedWhatSageMakerRefusedAndWhatNeverCame() {
    Instant start = Instant.parse("2026-01-05T09:00:00Z");
    List<ScheduledActions.Applied> applied =
        List.of(
            new ScheduledActions.Applied(
                start.plusSeconds(60), "CreateApp JupyterServer/default of user profile a", null),
            new ScheduledActions.Applied(
                start.plusMillis(1500),
                "DeleteSpace s",
                "ResourceInUse: Space s is already being deleted."));

    assertThat(ExecutionReport.renderUserActions(start, applied, 2))
        .isEqualTo(
            "User actions (scenario timeline): 2\n"
                + "+00:01:00      CreateApp JupyterServer/default of user profile a\n"
                + "+00:00:01.500  DeleteSpace s  refused: ResourceInUse: Space s is already being "
                + "deleted.\n"
                + "2 user actions not performed: the simulation ended before their time\n");
    assertThat(ExecutionReport.renderUserActions(start, List.of(), 1))
        .endsWith("1 user action not performed: the simulation ended before its time\n");
  }
}
