package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * Workflow variables in JSONPath states, as the developer guide's "Passing data between states with
 * variables" describes them: Assign in Pass, Task, Choice (per rule, and the state's own for the
 * Default), Wait, Parallel, Map and Catch; {@code $name} in any path; values read as they were when
 * the state was entered; a branch or iteration reads the scopes around it but its own assignments
 * end with it.
 */
class VariablesTest {

  private final FakeTasks tasks =
      new FakeTasks()
          .on(
              "Lookup",
              call ->
                  TaskOutcome.succeeded(
                      ExecutionEngine.parseInput(json("{'Payload': {'team': 'data-science'}}"))))
          .on("Failing", call -> TaskOutcome.failed("dev.example.Gone", "profile deleted"))
          .on("Echo", call -> TaskOutcome.succeeded(call.parameters()));

  private Execution run(String states, String input) {
    return Definitions.run(tasks, new VirtualClock(), json(states), input);
  }

  private static JsonNode parsed(String singleQuoted) {
    return Definitions.parsed(singleQuoted);
  }

  @Test
  void aVariableAssignedEarlyIsReadStatesLaterWithoutPassingThroughTheOutputsBetween() {
    Execution execution =
        run(
            "{'StartAt': 'Remember', 'States': {"
                + "'Remember': {'Type': 'Pass', 'Assign': {'user.$': '$.userName', 'limit': 3,"
                + " 'teams': ['a', 'b']}, 'Next': 'Between'},"
                + "'Between': {'Type': 'Pass', 'Result': 'overwritten', 'Next': 'Use'},"
                + "'Use': {'Type': 'Pass', 'Parameters': {'user.$': '$user', 'limit.$': '$limit',"
                + " 'teamCount.$': 'States.ArrayLength($teams)', 'firstTeam.$': '$teams[0]'},"
                + " 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow())
        .isEqualTo(parsed("{'user': 'ana', 'limit': 3, 'teamCount': 2, 'firstTeam': 'a'}"));
  }

  @Test
  void aPassStatesAssignReadsItsResultNotItsInput() {
    Execution execution =
        run(
            "{'StartAt': 'P', 'States': {"
                + "'P': {'Type': 'Pass', 'Result': {'question': 'why'}, 'Assign': {'q.$': '$.question'},"
                + " 'Next': 'Q'},"
                + "'Q': {'Type': 'Pass', 'Parameters': {'q.$': '$q'}, 'End': true}}}",
            "{'question': 'not this one'}");

    assertThat(execution.output().orElseThrow()).isEqualTo(parsed("{'q': 'why'}"));
  }

  @Test
  void everyExpressionOfAStateReadsTheValuesItWasEnteredWith() {
    Execution execution =
        run(
            "{'StartAt': 'First', 'States': {"
                + "'First': {'Type': 'Pass', 'Assign': {'answer': 42}, 'Next': 'Second'},"
                + "'Second': {'Type': 'Pass', 'Assign': {'answer': 'new', 'previous.$': '$answer'},"
                + " 'Parameters': {'seen.$': '$answer'}, 'Next': 'Third'},"
                + "'Third': {'Type': 'Pass', 'Parameters': {'seen.$': '$.seen', 'answer.$': '$answer',"
                + " 'previous.$': '$previous'}, 'End': true}}}",
            "{}");

    assertThat(execution.output().orElseThrow())
        .isEqualTo(parsed("{'seen': 42, 'answer': 'new', 'previous': 42}"));
  }

  @Test
  void aTasksAssignReadsItsResultAndACatchersAssignReadsTheErrorOutput() {
    Execution execution =
        run(
            "{'StartAt': 'Lookup', 'States': {"
                + "'Lookup': {'Type': 'Task', 'Resource': '"
                + FN
                + "Lookup', 'Assign': {'team.$': '$.Payload.team'}, 'ResultPath': null,"
                + " 'Next': 'Delete'},"
                + "'Delete': {'Type': 'Task', 'Resource': '"
                + FN
                + "Failing', 'Assign': {'never': true},"
                + " 'Catch': [{'ErrorEquals': ['States.ALL'], 'Assign': {'failure.$': '$.Error'},"
                + " 'ResultPath': null, 'Next': 'Report'}], 'End': true},"
                + "'Report': {'Type': 'Task', 'Resource': '"
                + FN
                + "Echo', 'Parameters': {'team.$': '$team', 'failure.$': '$failure',"
                + " 'input.$': '$'}, 'End': true}}}",
            "{'userName': 'ana'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            parsed(
                "{'team': 'data-science', 'failure': 'dev.example.Gone',"
                    + " 'input': {'userName': 'ana'}}"));
  }

  @Test
  void aChoiceAssignsWithTheRuleThatMatchedOrWithItsOwnAssignWhenTheDefaultIsTaken() {
    String states =
        "{'StartAt': 'Check', 'States': {"
            + "'Check': {'Type': 'Choice', 'Choices': ["
            + "{'Variable': '$.status', 'StringEquals': 'ACTIVE', 'Assign': {'verdict': 'keep'},"
            + " 'Next': 'Done'}],"
            + " 'Assign': {'verdict': 'offboard', 'status.$': '$.status'}, 'Default': 'Done'},"
            + "'Done': {'Type': 'Pass', 'Parameters': {'verdict.$': '$verdict'}, 'End': true}}}";

    assertThat(run(states, "{'status': 'ACTIVE'}").output().orElseThrow())
        .isEqualTo(parsed("{'verdict': 'keep'}"));
    assertThat(run(states, "{'status': 'INACTIVE'}").output().orElseThrow())
        .isEqualTo(parsed("{'verdict': 'offboard'}"));
  }

  @Test
  void aChoiceRuleCanCompareAgainstAVariable() {
    String states =
        "{'StartAt': 'Set', 'States': {"
            + "'Set': {'Type': 'Pass', 'Assign': {'expected': 'ana'}, 'Next': 'Check'},"
            + "'Check': {'Type': 'Choice', 'Choices': [{'Variable': '$.user',"
            + " 'StringEqualsPath': '$expected', 'Next': 'Same'}], 'Default': 'Other'},"
            + "'Same': {'Type': 'Succeed'}, 'Other': {'Type': 'Fail', 'Error': 'Other'}}}";

    assertThat(run(states, "{'user': 'ana'}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run(states, "{'user': 'ben'}").error()).contains("Other");
  }

  @Test
  void aWaitStateAssignsAndItsSecondsPathCanReadAVariable() {
    Execution execution =
        run(
            "{'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'delay': 30}, 'Next': 'Wait'},"
                + "'Wait': {'Type': 'Wait', 'SecondsPath': '$delay', 'Assign': {'waited.$': '$delay'},"
                + " 'Next': 'Done'},"
                + "'Done': {'Type': 'Pass', 'Parameters': {'waited.$': '$waited'}, 'End': true}}}",
            "{}");

    assertThat(execution.output().orElseThrow()).isEqualTo(parsed("{'waited': 30}"));
    assertThat(
            java.time.Duration.between(execution.startDate(), execution.stopDate().orElseThrow()))
        .isEqualTo(java.time.Duration.ofSeconds(30));
  }

  @Test
  void branchesReadTheOuterScopeButTheirOwnAssignmentsEndWithThem() {
    Execution execution =
        run(
            "{'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'domain': 'd-1'}, 'Next': 'Fan'},"
                + "'Fan': {'Type': 'Parallel', 'Branches': ["
                + "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Assign': {'inner': 'a'},"
                + " 'Next': 'A2'}, 'A2': {'Type': 'Pass', 'Parameters': {'domain.$': '$domain',"
                + " 'inner.$': '$inner'}, 'End': true}}},"
                + "{'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'Parameters':"
                + " {'domain.$': '$domain'}, 'End': true}}}],"
                + " 'Assign': {'branches.$': 'States.ArrayLength($)'}, 'Next': 'After'},"
                + "'After': {'Type': 'Pass', 'Parameters': {'branches.$': '$branches',"
                + " 'inner.$': '$inner'}, 'End': true}}}",
            "{}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains(StatesError.RUNTIME);
    assertThat(execution.cause().orElseThrow())
        .contains("'$inner'")
        .contains("reads the variable '$inner', which no state of this scope or around it");
  }

  @Test
  void aMapIterationReadsTheOuterScopeAndItsResultsComeBackThroughTheOutput() {
    Execution execution =
        run(
            "{'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'domain': 'd-1'}, 'Next': 'Each'},"
                + "'Each': {'Type': 'Map', 'ItemsPath': '$.users', 'ItemProcessor': {"
                + "'StartAt': 'Tag', 'States': {'Tag': {'Type': 'Pass', 'Assign': {'mine.$': '$'},"
                + " 'Next': 'Use'}, 'Use': {'Type': 'Pass', 'Parameters': {'user.$': '$mine',"
                + " 'domain.$': '$domain'}, 'End': true}}}, 'End': true}}}",
            "{'users': ['ana', 'ben']}");

    assertThat(execution.output().orElseThrow())
        .isEqualTo(parsed("[{'user': 'ana', 'domain': 'd-1'}, {'user': 'ben', 'domain': 'd-1'}]"));
  }

  @Test
  void aRedriveContinuesWithTheVariablesTheFailedRunHadAssigned() {
    int[] calls = {0};
    tasks.on(
        "FailsOnce",
        call ->
            ++calls[0] == 1
                ? TaskOutcome.failed("dev.example.Throttled", "try later")
                : TaskOutcome.succeeded(call.parameters()));
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock()).taskInvoker(tasks).build();
    Execution execution =
        engine.run(
            StateMachine.of(
                "Redrive",
                StateMachineDefinition.parse(
                    json(
                        "{'StartAt': 'Set', 'States': {"
                            + "'Set': {'Type': 'Pass', 'Assign': {'profile.$': '$.profile'},"
                            + " 'OutputPath': null, 'Next': 'Delete'},"
                            + "'Delete': {'Type': 'Task', 'Resource': '"
                            + FN
                            + "FailsOnce', 'Parameters': {'profile.$': '$profile'}, 'End': true}}}"))),
            "run",
            parsed("{'profile': 'ana'}"));
    assertThat(execution.error()).contains("dev.example.Throttled");

    engine.redrive(execution);
    engine.runUntilIdle();

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow()).isEqualTo(parsed("{'profile': 'ana'}"));
  }

  @Test
  void aBranchCannotAssignAVariableOfTheScopeAroundIt() {
    Execution execution =
        run(
            "{'StartAt': 'Set', 'States': {"
                + "'Set': {'Type': 'Pass', 'Assign': {'domain': 'd-1'}, 'Next': 'Fan'},"
                + "'Fan': {'Type': 'Parallel', 'Branches': [{'StartAt': 'A', 'States': {"
                + "'A': {'Type': 'Pass', 'Assign': {'domain': 'd-2'}, 'End': true}}}],"
                + " 'End': true}}}",
            "{}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains(StatesError.RUNTIME);
    assertThat(execution.cause().orElseThrow())
        .contains("State 'A' cannot assign the variable 'domain': it belongs to an outer scope");
  }

  @Test
  void namesThatAreNotUnicodeIdentifiersOrAreReservedAreRefusedWhenTheDefinitionIsRead() {
    String tooLong = "v".repeat(81);
    assertThatThrownBy(
            () ->
                StateMachineDefinition.parse(
                    json(
                        "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Assign': {"
                            + "'1st': 1, 'states': 2, 'ok-name': 3, '"
                            + tooLong
                            + "': 4, 'bad.$': 'not a path'}, 'End': true}}}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("field 'Assign.1st': '1st' is not a variable name")
        .hasMessageContaining("field 'Assign.states': 'states' is reserved")
        .hasMessageContaining("field 'Assign.ok-name': 'ok-name' is not a variable name")
        .hasMessageContaining("is longer than 80 characters")
        .hasMessageContaining("field 'Assign.bad.$'");
  }

  @Test
  void aJsonPathStateCannotReadJsonatasReservedVariableAndSucceedAndFailCannotAssign() {
    assertThatThrownBy(
            () ->
                StateMachineDefinition.parse(
                    json(
                        "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'InputPath':"
                            + " '$states.input', 'Next': 'E'}, 'E': {'Type': 'Succeed',"
                            + " 'Assign': {'x': 1}}}}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S', field 'InputPath': '$states.input' is not a valid")
        .hasMessageContaining("'$states' is the reserved variable of JSONata states")
        .hasMessageContaining("State 'E', field 'Assign': not allowed in a Succeed state");
  }
}
