package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * JSONata states, with the examples of the developer guide's "Transforming data with JSONata in
 * Step Functions", "Passing data between states with variables" and the state pages: {@code
 * Arguments}, {@code Output}, {@code Assign}, {@code $states}, Conditions, expressions in Wait,
 * Fail and Map fields, Step Functions' functions, and States.QueryEvaluationError.
 */
class JsonataTest {

  /** JSONata strings use single quotes: write them as ` here, since ' becomes ". */
  private static String asl(String text) {
    return json(text).replace('`', '\'');
  }

  private final FakeTasks tasks =
      new FakeTasks()
          .on("Echo", call -> TaskOutcome.succeeded(call.parameters()))
          .on(
              "Lookup",
              call ->
                  TaskOutcome.succeeded(
                      ExecutionEngine.parseInput(
                          json("{'Payload': {'team': 'data-science', 'apps': 3}}"))))
          .on("Failing", call -> TaskOutcome.failed("dev.example.Gone", "profile deleted"))
          .on(
              "Slow",
              call ->
                  TaskOutcome.succeeded(JsonNodeFactory.instance.textNode("late"))
                      .after(Duration.ofSeconds(30)));

  private final VirtualClock clock = new VirtualClock();

  private Execution run(String definition, String input) {
    return Definitions.run(tasks, clock, asl(definition), input);
  }

  private static JsonNode parsed(String singleQuoted) {
    return Definitions.parsed(singleQuoted);
  }

  private static String problems(String definition) {
    try {
      StateMachineDefinition.parse(asl(definition));
      return "";
    } catch (DefinitionException e) {
      return String.join("\n", e.problems());
    }
  }

  @Test
  void theGuidesConversionExampleGivesWithArgumentsWhatParametersGave() {
    String jsonPath =
        "{'StartAt': 'Set', 'States': {'Set': {'Type': 'Pass', 'Assign': {'customerName':"
            + " 'María'}, 'Next': 'T'}, 'T': {'QueryLanguage': 'JSONPath', 'Type': 'Task',"
            + " 'Resource': '"
            + FN
            + "Echo', 'Parameters': {'static': 'Hello', 'title.$': '$.title',"
            + " 'name.$': '$customerName', 'not-evaluated': '$customerName'}, 'End': true}}}";
    String jsonata =
        "{'StartAt': 'Set', 'States': {'Set': {'Type': 'Pass', 'Assign': {'customerName':"
            + " 'María'}, 'Next': 'T'}, 'T': {'QueryLanguage': 'JSONata', 'Type': 'Task',"
            + " 'Resource': '"
            + FN
            + "Echo', 'Arguments': {'static': 'Hello', 'title': '{% $states.input.title %}',"
            + " 'name': '{% $customerName %}', 'not-evaluated': '$customerName'}, 'End': true}}}";
    JsonNode expected =
        parsed(
            "{'static': 'Hello', 'title': 'Doctor', 'name': 'María',"
                + " 'not-evaluated': '$customerName'}");

    assertThat(run(jsonPath, "{'title': 'Doctor'}").output()).contains(expected);
    assertThat(run(jsonata, "{'title': 'Doctor'}").output()).contains(expected);
  }

  @Test
  void aTasksOutputAndAssignReadItsResultAndTheNextStateReadsTheVariable() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Lookup', 'States': {"
                + "'Lookup': {'Type': 'Task', 'Resource': '"
                + FN
                + "Lookup', 'Assign': {'team': '{% $states.result.Payload.team %}'},"
                + " 'Output': {'apps': '{% $states.result.Payload.apps %}',"
                + " 'user': '{% $states.input.userName %}'}, 'Next': 'Report'},"
                + "'Report': {'Type': 'Pass', 'Output': '{% $merge([$states.input,"
                + " {`team`: $team}]) %}', 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output())
        .contains(parsed("{'apps': 3, 'user': 'ana', 'team': 'data-science'}"));
  }

  @Test
  void withoutOutputATaskGivesItsResultAndAPassStateItsInput() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Keep', 'States': {"
                + "'Keep': {'Type': 'Pass', 'Next': 'Lookup'},"
                + "'Lookup': {'Type': 'Task', 'Resource': '"
                + FN
                + "Lookup', 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.output())
        .contains(parsed("{'Payload': {'team': 'data-science', 'apps': 3}}"));
  }

  @Test
  void choiceRulesAreConditionsAndTheMatchingRulesAssignAndOutputAreUsed() {
    String definition =
        "{'QueryLanguage': 'JSONata', 'StartAt': 'Route', 'States': {"
            + "'Route': {'Type': 'Choice', 'Choices': ["
            + "{'Condition': '{% $states.input.orderType = `express` %}', 'Next': 'Express'},"
            + "{'Condition': '{% $states.input.total > 100 %}', 'Assign': {'discount':"
            + " '{% $states.input.total * 0.1 %}'}, 'Output': {'total': '{% $states.input.total"
            + " * 0.9 %}'}, 'Next': 'Discount'}],"
            + " 'Default': 'Standard', 'Assign': {'routedDefault': true}},"
            + "'Express': {'Type': 'Succeed', 'Output': 'express'},"
            + "'Discount': {'Type': 'Pass', 'Output': {'total': '{% $states.input.total %}',"
            + " 'discount': '{% $discount %}'}, 'End': true},"
            + "'Standard': {'Type': 'Pass', 'Output': {'routedDefault': '{% $routedDefault %}'},"
            + " 'End': true}}}";

    assertThat(run(definition, "{'orderType': 'express', 'total': 500}").output())
        .contains(parsed("'express'"));
    assertThat(run(definition, "{'orderType': 'normal', 'total': 200}").output())
        .contains(parsed("{'total': 180, 'discount': 20}"));
    assertThat(run(definition, "{'orderType': 'normal', 'total': 50}").output())
        .contains(parsed("{'routedDefault': true}"));
  }

  @Test
  void aConditionThatIsNotABooleanFailsWithQueryEvaluationError() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Route', 'States': {"
                + "'Route': {'Type': 'Choice', 'Choices': [{'Condition': '{% $states.input.total"
                + " %}', 'Next': 'Done'}], 'Default': 'Done'},"
                + "'Done': {'Type': 'Succeed'}}}",
            "{'total': 5}");

    assertThat(execution.error()).contains("States.QueryEvaluationError");
    assertThat(execution.cause().orElseThrow())
        .contains("'Choices[0].Condition'")
        .contains("must give a boolean, got 5");
  }

  @Test
  void anExpressionThatGivesNothingFailsAndACatcherReadsTheErrorOutput() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'T', 'States': {"
                + "'T': {'Type': 'Task', 'Resource': '"
                + FN
                + "Echo', 'Arguments': {'profile': '{% $states.input.missing %}'},"
                + " 'Catch': [{'ErrorEquals': ['States.QueryEvaluationError'],"
                + " 'Assign': {'failure': '{% $states.errorOutput.Error %}'},"
                + " 'Output': {'cause': '{% $states.errorOutput.Cause %}',"
                + " 'input': '{% $states.input %}'}, 'Next': 'Report'}], 'End': true},"
                + "'Report': {'Type': 'Pass', 'Output': '{% $merge([$states.input,"
                + " {`failure`: $failure}]) %}', 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = execution.output().orElseThrow();
    assertThat(output.get("failure").asText()).isEqualTo("States.QueryEvaluationError");
    assertThat(output.get("input")).isEqualTo(parsed("{'userName': 'ana'}"));
    assertThat(output.get("cause").asText())
        .contains("'Arguments.profile'")
        .contains("returned nothing (undefined)");
  }

  @Test
  void aCatchersDefaultOutputIsTheErrorOutput() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'T', 'States': {"
                + "'T': {'Type': 'Task', 'Resource': '"
                + FN
                + "Failing', 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Done'}],"
                + " 'End': true}, 'Done': {'Type': 'Succeed'}}}",
            "{}");

    assertThat(execution.output())
        .contains(parsed("{'Error': 'dev.example.Gone', 'Cause': 'profile deleted'}"));
  }

  @Test
  void waitSecondsAndTimestampCanBeExpressionsAndNowFollowsTheVirtualClock() {
    Instant start = clock.instant();
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'W', 'States': {"
                + "'W': {'Type': 'Wait', 'Seconds': '{% $states.input.delay * 2 %}',"
                + " 'Next': 'Until'},"
                + "'Until': {'Type': 'Wait', 'Timestamp': '{% $states.input.until %}',"
                + " 'Output': {'now': '{% $now() %}', 'millis': '{% $millis() %}'},"
                + " 'End': true}}}",
            "{'delay': 30, 'until': '" + start.plus(Duration.ofHours(1)) + "'}");

    assertThat(execution.stopDate()).contains(start.plus(Duration.ofHours(1)));
    // JSONata's $now(): ISO 8601 with milliseconds, even when they are zero.
    assertThat(execution.output().orElseThrow().get("now").asText())
        .isEqualTo(start.plus(Duration.ofHours(1)).toString().replace("Z", ".000Z"));
    assertThat(execution.output().orElseThrow().get("millis").asLong())
        .isEqualTo(start.plus(Duration.ofHours(1)).toEpochMilli());
  }

  @Test
  void aTasksTimeoutSecondsCanBeAnExpressionAndAWaitOfTheWrongKindFails() {
    Execution timedOut =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'T', 'States': {"
                + "'T': {'Type': 'Task', 'Resource': '"
                + FN
                + "Slow', 'TimeoutSeconds': '{% $states.input.limit %}', 'End': true}}}",
            "{'limit': 10}");
    Execution wrongKind =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'W', 'States': {"
                + "'W': {'Type': 'Wait', 'Seconds': '{% `soon` %}', 'End': true}}}",
            "{}");

    assertThat(timedOut.error()).contains("States.Timeout");
    assertThat(Duration.between(timedOut.startDate(), timedOut.stopDate().orElseThrow()))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(wrongKind.error()).contains("States.QueryEvaluationError");
    assertThat(wrongKind.cause().orElseThrow())
        .contains("field 'Seconds' of state 'W' must give a non-negative integer, got \"soon\"");
  }

  @Test
  void aFailStatesErrorAndCauseCanBeExpressions() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'F', 'States': {"
                + "'F': {'Type': 'Fail', 'Error': '{% $states.input.errorCode %}',"
                + " 'Cause': '{% `profile ` & $states.input.profile & ` is locked` %}'}}}",
            "{'errorCode': 'ProfileLocked', 'profile': 'ana'}");

    assertThat(execution.error()).contains("ProfileLocked");
    assertThat(execution.cause()).contains("profile ana is locked");
  }

  @Test
  void aMapIteratesItemsThroughItsItemSelectorAndItsIterationsReadTheOuterVariables() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'domain': 'd-1'}, 'Next': 'Each'},"
                + "'Each': {'Type': 'Map', 'Items': '{% $states.input.users %}',"
                + " 'MaxConcurrency': '{% 1 + 1 %}',"
                + " 'ItemSelector': {'user': '{% $states.context.Map.Item.Value %}',"
                + " 'index': '{% $states.context.Map.Item.Index %}'},"
                + " 'ItemProcessor': {'StartAt': 'Tag', 'States': {'Tag': {'Type': 'Pass',"
                + " 'Output': '{% $states.input.user & `@` & $domain %}', 'End': true}}},"
                + " 'Output': {'tagged': '{% $states.result %}',"
                + " 'count': '{% $count($states.result) %}'}, 'End': true}}}",
            "{'users': ['ana', 'ben', 'cy']}");

    assertThat(execution.output())
        .contains(parsed("{'tagged': ['ana@d-1', 'ben@d-1', 'cy@d-1'], 'count': 3}"));
  }

  @Test
  void aParallelStatesArgumentsAreEachBranchsInput() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Fan', 'States': {"
                + "'Fan': {'Type': 'Parallel', 'Arguments': {'user': '{% $states.input.userName"
                + " %}'}, 'Branches': [{'StartAt': 'A', 'States': {'A': {'Type': 'Pass',"
                + " 'Output': '{% $uppercase($states.input.user) %}', 'End': true}}},"
                + " {'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'End': true}}}],"
                + " 'End': true}}}",
            "{'userName': 'ana', 'other': 1}");

    assertThat(execution.output()).contains(parsed("['ANA', {'user': 'ana'}]"));
  }

  @Test
  void stepFunctionsOwnFunctionsGiveTheGuidesResults() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'F', 'States': {"
                + "'F': {'Type': 'Pass', 'Output': {"
                + "'partition': '{% $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3) %}',"
                + "'uneven': '{% $partition([1, 2, 3, 4], 3) %}',"
                + "'range': '{% $range(0, 10, 2) %}',"
                + "'down': '{% $range(3, 1, -1) %}',"
                + "'hash': '{% $hash(`hello`, `SHA-256`) %}',"
                + "'parsed': '{% $parse(`[1, null, true]`) %}',"
                + "'seeded': '{% $random(7) = $random(7) %}',"
                + "'uuid': '{% $uuid() %}'}, 'End': true}}}",
            "{}");

    JsonNode output = execution.output().orElseThrow();
    assertThat(output.get("partition")).isEqualTo(parsed("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"));
    assertThat(output.get("uneven")).isEqualTo(parsed("[[1, 2, 3], [4]]"));
    assertThat(output.get("range")).isEqualTo(parsed("[0, 2, 4, 6, 8, 10]"));
    assertThat(output.get("down")).isEqualTo(parsed("[3, 2, 1]"));
    assertThat(output.get("hash").asText())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(output.get("parsed")).isEqualTo(parsed("[1, null, true]"));
    assertThat(output.get("seeded").asBoolean()).isTrue();
    assertThat(output.get("uuid").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void evalIsNotAvailableAsOnStepFunctions() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'F', 'States': {"
                + "'F': {'Type': 'Pass', 'Output': '{% $eval(`1 + 1`) %}', 'End': true}}}",
            "{}");

    assertThat(execution.error()).contains("States.QueryEvaluationError");
    assertThat(execution.cause().orElseThrow()).contains("$eval is not available");
  }

  @Test
  void aJsonataStateInAJsonPathStateMachineReadsTheVariablesItsNeighboursAssigned() {
    Execution execution =
        run(
            "{'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'user.$': '$.userName'}, 'Next': 'Use'},"
                + "'Use': {'QueryLanguage': 'JSONata', 'Type': 'Pass',"
                + " 'Output': '{% `hello ` & $user %}', 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.output()).contains(parsed("'hello ana'"));
  }

  @Test
  void jsonPathFieldsInAJsonataStateAndJsonataFieldsInAJsonPathStateAreRefused() {
    String found =
        problems(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'A', 'States': {"
                + "'A': {'Type': 'Pass', 'InputPath': '$.x', 'Parameters': {'a': 1},"
                + " 'Next': 'B'},"
                + "'B': {'QueryLanguage': 'JSONPath', 'Type': 'Pass', 'Next': 'C'},"
                + "'C': {'Type': 'Task', 'Resource': '"
                + FN
                + "Echo', 'TimeoutSecondsPath': '$.t', 'Catch': [{'ErrorEquals':"
                + " ['States.ALL'], 'ResultPath': '$.e', 'Next': 'D'}], 'Next': 'D'},"
                + "'D': {'Type': 'Pass', 'Output': '{% $states.input.( %}', 'End': true}}}");

    assertThat(found)
        .contains("State 'A', field 'InputPath': a JSONata state has no InputPath")
        .contains("State 'A', field 'Parameters': a JSONata state has no Parameters")
        .contains(
            "State 'B', field 'QueryLanguage': a state cannot use JSONPath when the state"
                + " machine's QueryLanguage is JSONata")
        .contains("State 'C', field 'TimeoutSecondsPath': a JSONata state has no")
        .contains("State 'C', field 'Catch[0].ResultPath': a JSONata state's catcher has no")
        .contains("State 'D', field 'Output': '$states.input.(' is not a valid JSONata");

    assertThat(
            problems(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Output': {'a': 1},"
                    + " 'End': true}}}"))
        .isEqualTo(
            "State 'A', field 'Output': Output is a JSONata field and this state uses JSONPath"
                + " (set \"QueryLanguage\": \"JSONata\" on the state or the state machine)");
  }

  @Test
  void aConditionMustBeAnExpressionAndADistributedMapInJsonataIsRefusedLocally() {
    assertThat(
            problems(
                "{'QueryLanguage': 'JSONata', 'StartAt': 'C', 'States': {"
                    + "'C': {'Type': 'Choice', 'Choices': [{'Condition': 'true', 'Next': 'D'},"
                    + " {'Variable': '$.x', 'BooleanEquals': true, 'Next': 'D'}],"
                    + " 'Default': 'D'},"
                    + "'D': {'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode':"
                    + " 'DISTRIBUTED', 'ExecutionType': 'STANDARD'}, 'StartAt': 'P', 'States':"
                    + " {'P': {'Type': 'Succeed'}}}, 'End': true}}}"))
        .contains(
            "State 'C', field 'Choices[0].Condition': must be a JSONata expression ({% ... %})"
                + " that gives a boolean, got the string \"true\"")
        .contains("State 'C', field 'Choices[1].Variable': unknown field in a JSONata choice rule")
        .contains("State 'C', field 'Choices[1].Condition': is required in a JSONata choice rule")
        .contains(
            "State 'D', field 'ItemProcessor.ProcessorConfig.Mode': a Distributed Map in a"
                + " JSONata state is not supported by the local interpreter");
  }
}
