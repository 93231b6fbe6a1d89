package dev.studiolifecycle.local.asl.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.DefinitionException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The definition checker: each rule, and messages that name the state and the field. */
class StateMachineDefinitionTest {

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static List<String> problems(String definition) {
    try {
      StateMachineDefinition.parse(json(definition));
    } catch (DefinitionException e) {
      return e.problems();
    }
    throw new AssertionError("expected the definition to be rejected: " + definition);
  }

  private static String oneState(String state) {
    return "{'StartAt': 'S', 'States': {'S': " + state + "}}";
  }

  @Test
  void parsesAValidDefinitionWithEveryStateType() {
    StateMachineDefinition definition =
        StateMachineDefinition.parse(
            json(
                "{"
                    + "'Comment': 'all types', 'TimeoutSeconds': 600, 'StartAt': 'Pass', 'States': {"
                    + "'Pass': {'Type': 'Pass', 'Next': 'Choice'},"
                    + "'Choice': {'Type': 'Choice', 'Choices': [{'Variable': '$.x', 'NumericEquals': 1, "
                    + "'Next': 'Wait'}], 'Default': 'Parallel'},"
                    + "'Wait': {'Type': 'Wait', 'Seconds': 5, 'Next': 'Parallel'},"
                    + "'Parallel': {'Type': 'Parallel', 'Branches': [{'StartAt': 'B', 'States': {'B': "
                    + "{'Type': 'Pass', 'End': true}}}], 'Next': 'Map'},"
                    + "'Map': {'Type': 'Map', 'ItemProcessor': {'ProcessorConfig': {'Mode': 'INLINE'}, "
                    + "'StartAt': 'I', 'States': {'I': {'Type': 'Task', 'Resource': "
                    + "'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': 'f', 'Payload.$': "
                    + "'$'}, 'Retry': [{'ErrorEquals': ['States.ALL'], 'MaxAttempts': 0}], 'End': true}}},"
                    + "'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Fail'}], 'Next': 'Succeed'},"
                    + "'Succeed': {'Type': 'Succeed'},"
                    + "'Fail': {'Type': 'Fail', 'Error': 'E', 'Cause': 'C'}}}"));
    assertThat(definition.startAt()).isEqualTo("Pass");
    assertThat(definition.comment()).contains("all types");
    assertThat(definition.timeout()).contains(Duration.ofMinutes(10));
    assertThat(definition.allStates())
        .extracting(State::name)
        .containsExactly("Pass", "Choice", "Wait", "Parallel", "B", "Map", "I", "Succeed", "Fail");
    assertThat(definition.findState("I")).get().isInstanceOf(TaskState.class);
    TaskState task = (TaskState) definition.findState("I").orElseThrow();
    assertThat(task.resource()).isInstanceOf(TaskResource.LambdaInvoke.class);
    assertThat(task.retry().get(0).maxAttempts()).isZero();
  }

  @Test
  void rejectsInvalidJsonWithItsLocation() {
    assertThatThrownBy(() -> StateMachineDefinition.parse("{\"StartAt\": "))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  void startAtMustNameAState() {
    assertThat(problems("{'StartAt': 'Nope', 'States': {'S': {'Type': 'Succeed'}}}"))
        .anySatisfy(
            p -> assertThat(p).isEqualTo("Field 'StartAt': no state named 'Nope' in States"));
    assertThat(problems("{'States': {'S': {'Type': 'Succeed'}}}"))
        .contains("Field 'StartAt': is required");
  }

  @Test
  void everyNextMustNameAStateInTheSameBlock() {
    assertThat(problems(oneState("{'Type': 'Pass', 'Next': 'Missing'}")))
        .contains("State 'S', field 'Next': no state named 'Missing'");
    List<String> problems =
        problems(
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', "
                + "'Branches': [{'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'Next': 'Out'}}}], "
                + "'Next': 'Out'}, 'Out': {'Type': 'Succeed'}}}");
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("State 'B', field 'Next': no state named 'Out'")
                    .contains("transitions cannot leave a branch"));
  }

  @Test
  void statesThatNothingLeadsToAreUnreachable() {
    assertThat(
            problems(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Succeed'}, "
                    + "'Orphan': {'Type': 'Pass', 'End': true}}}"))
        .containsExactly(
            "State 'Orphan': is not reachable from StartAt 'A' (no Next, Default, "
                + "Choices or Catch leads to it)");
  }

  @Test
  void statesReachedOnlyThroughCatchOrChoiceAreReachable() {
    StateMachineDefinition definition =
        StateMachineDefinition.parse(
            json(
                "{'StartAt': 'T', 'States': {"
                    + "'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::sns:publish', 'Catch': "
                    + "[{'ErrorEquals': ['States.ALL'], 'Next': 'C'}], 'End': true},"
                    + "'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.a', 'IsPresent': true, "
                    + "'Next': 'D'}], 'Default': 'E'}, 'D': {'Type': 'Succeed'}, "
                    + "'E': {'Type': 'Fail'}}}"));
    assertThat(definition.allStates()).extracting(State::name).containsExactly("T", "C", "D", "E");
  }

  @Test
  void nonTerminalStatesNeedNextOrEnd() {
    assertThat(problems(oneState("{'Type': 'Pass'}")))
        .containsExactly(
            "State 'S', field 'Next': a non-terminal state needs Next or " + "\"End\": true");
    assertThat(
            problems(
                "{'StartAt': 'S', 'States': {'S': {'Type': 'Pass', 'Next': 'T', "
                    + "'End': true}, 'T': {'Type': 'Succeed'}}}"))
        .contains("State 'S', field 'Next': a state has Next or \"End\": true, not both");
  }

  @Test
  void terminalStatesMayNotHaveNextOrEnd() {
    assertThat(problems(oneState("{'Type': 'Succeed', 'End': true}")))
        .containsExactly("State 'S', field 'End': not allowed in a Succeed state");
    assertThat(
            problems(
                "{'StartAt': 'S', 'States': {'S': {'Type': 'Fail', 'Next': 'T'}, "
                    + "'T': {'Type': 'Succeed'}}}"))
        .contains("State 'S', field 'Next': not allowed in a Fail state");
  }

  @Test
  void unknownStateTypesAreRejected() {
    assertThat(problems(oneState("{'Type': 'Sleep', 'End': true}")))
        .containsExactly(
            "State 'S', field 'Type': unknown state type \"Sleep\"; expected one "
                + "of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
  }

  @Test
  void misplacedAndUnknownFieldsAreNamed() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sns:publish', 'Seconds': 5, 'Frobnicate': 1, 'End': true}")))
        .containsExactlyInAnyOrder(
            "State 'S', field 'Seconds': not allowed in a Task state",
            "State 'S', field 'Frobnicate': unknown field");
    assertThat(problems("{'StartAt': 'S', 'States': {'S': {'Type': 'Succeed'}}, 'Extra': 1}"))
        .containsExactly("Field 'Extra': unknown field at the top level of the definition");
  }

  @Test
  void waitNeedsExactlyOneWayToSayHowLong() {
    assertThat(problems(oneState("{'Type': 'Wait', 'End': true}")))
        .containsExactly(
            "State 'S', field 'Seconds': a Wait state needs exactly one of Seconds, SecondsPath, "
                + "Timestamp, TimestampPath");
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Wait', 'Seconds': 5, 'TimestampPath': '$.t', " + "'End': true}")))
        .containsExactly(
            "State 'S', field 'Seconds/TimestampPath': a Wait "
                + "state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, got 2");
    assertThat(problems(oneState("{'Type': 'Wait', 'Seconds': -1, 'End': true}")))
        .containsExactly("State 'S', field 'Seconds': must be between 0 and 99999999, got -1");
    assertThat(
            problems(
                oneState("{'Type': 'Wait', 'Timestamp': '2026-01-05 09:00', " + "'End': true}")))
        .containsExactly(
            "State 'S', field 'Timestamp': '2026-01-05 09:00' "
                + "is not an RFC 3339 timestamp such as 2026-03-14T01:59:00Z");
  }

  @Test
  void retriersAreChecked() {
    List<String> problems =
        problems(
            oneState(
                "{'Type': 'Task', 'Resource': "
                    + "'arn:aws:states:::sns:publish', 'Retry': ["
                    + "{'ErrorEquals': ['States.ALL'], 'MaxAttempts': -1, 'BackoffRate': 0.5, "
                    + "'IntervalSeconds': 0, 'JitterStrategy': 'SOME', 'MaxDelaySeconds': 0}, "
                    + "{'ErrorEquals': []}], 'End': true}"));
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "State 'S', field 'Retry[0].ErrorEquals': a retrier with States.ALL must be the last in "
                + "Retry",
            "State 'S', field 'Retry[0].IntervalSeconds': must be between 1 and 99999999, got 0",
            "State 'S', field 'Retry[0].MaxAttempts': must be between 0 and 99999999, got -1",
            "State 'S', field 'Retry[0].BackoffRate': must be a number >= 1.0, got 0.5",
            "State 'S', field 'Retry[0].MaxDelaySeconds': must be between 1 and 31622400, got 0",
            "State 'S', field 'Retry[0].JitterStrategy': must be FULL or NONE, got \"SOME\"",
            "State 'S', field 'Retry[1].ErrorEquals': must be a non-empty array of error names, got "
                + "an empty array");
  }

  @Test
  void statesAllMustBeAloneAndLast() {
    assertThat(
            problems(
                "{'StartAt': 'S', 'States': {'S': {'Type': 'Task', 'Resource': "
                    + "'arn:aws:states:::sns:publish', 'Catch': [{'ErrorEquals': ['States.ALL', 'X'], "
                    + "'Next': 'T'}, {'ErrorEquals': ['Y'], 'Next': 'T'}], 'End': true}, "
                    + "'T': {'Type': 'Succeed'}}}"))
        .containsExactlyInAnyOrder(
            "State 'S', field 'Catch[0].ErrorEquals': States.ALL must appear alone in its "
                + "ErrorEquals",
            "State 'S', field 'Catch[0].ErrorEquals': a catcher with States.ALL must be the last in "
                + "Catch");
  }

  @Test
  void misspelledPredefinedErrorNamesAreRejected() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sns:publish', 'Retry': [{'ErrorEquals': ['States.Timout']}], "
                        + "'End': true}")))
        .containsExactly(
            "State 'S', field 'Retry[0].ErrorEquals': "
                + "'States.Timout' is not a predefined error name (names starting with 'States.' "
                + "are reserved)");
  }

  @Test
  void catchersNeedNextAndAValidResultPath() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sns:publish', 'Catch': [{'ErrorEquals': ['X'], 'ResultPath': "
                        + "'$.a[*]'}], 'End': true}")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo("State 'S', field 'Catch[0].Next': a catcher needs a string Next"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "State 'S', field 'Catch[0].ResultPath': "
                            + "'$.a[*]' is not a valid Reference Path"));
  }

  @Test
  void unsupportedFeaturesAreRejectedNotIgnored() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::lambda:invoke', 'Arguments': {}, 'End': true}")))
        .containsExactly(
            "State 'S', field 'Arguments': Arguments is a JSONata field and this state uses "
                + "JSONPath (set \"QueryLanguage\": \"JSONata\" on the state or the state "
                + "machine)");
  }

  private static String distributedMap(String fields, String executionType) {
    return oneState(
        "{'Type': 'Map', "
            + fields
            + "'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType': '"
            + executionType
            + "'}, 'StartAt': 'I', 'States': {'I': {'Type': 'Pass', 'End': true}}}, 'End': true}");
  }

  @Test
  void distributedMapFieldsAreCheckedAndWhatCannotRunLocallyIsNamed() {
    assertThat(problems(distributedMap("'ItemReader': {}, ", "STANDARD")))
        .contains(
            "State 'S', field 'ItemReader.Resource': the local interpreter runs"
                + " arn:aws:states:::s3:getObject here, got nothing",
            "State 'S', field 'ItemReader.Parameters.Bucket': is required",
            "State 'S', field 'ItemReader.Parameters.Key': is required");
    assertThat(
            problems(
                distributedMap(
                    "'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', 'ReaderConfig':"
                        + " {'InputType': 'PARQUET'}, 'Parameters': {'Bucket': 'b', 'Key': 'k'}},"
                        + " 'ToleratedFailurePercentage': 150, ",
                    "STANDARD")))
        .containsExactlyInAnyOrder(
            "State 'S', field 'ItemReader.ReaderConfig.InputType': the local interpreter reads"
                + " JSON, JSONL and CSV, got the string \"PARQUET\"",
            "State 'S', field 'ToleratedFailurePercentage': must be a number from 0 to 100, got"
                + " the number 150");
    assertThat(problems(distributedMap("", "EXPRESS")))
        .containsExactly(
            "State 'S', field 'ItemProcessor.ProcessorConfig.ExecutionType': EXPRESS child"
                + " workflows are not supported by the local interpreter; use STANDARD");
    assertThat(
            problems(
                distributedMap(
                    "'ResultWriter': {'Resource': 'arn:aws:states:::s3:putObject', 'Parameters':"
                        + " {'Bucket': 'b', 'Prefix': 'p'}, 'WriterConfig': {}}, ",
                    "STANDARD")))
        .containsExactly(
            "State 'S', field 'ResultWriter.WriterConfig': output transformations are not"
                + " supported by the local interpreter");
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Map', 'Label': 'apply', 'ItemProcessor': {'StartAt': 'I', 'States':"
                        + " {'I': {'Type': 'Pass', 'End': true}}}, 'End': true}")))
        .containsExactly(
            "State 'S', field 'Label': only a Distributed Map has it"
                + " (ItemProcessor.ProcessorConfig.Mode DISTRIBUTED)");
  }

  @Test
  void unsupportedIntegrationPatternsAndResourcesAreRejected() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::lambda:invoke.waitForTaskToken', 'End': true}")))
        .containsExactly(
            "State 'S', field 'Resource': the .waitForTaskToken integration pattern "
                + "('arn:aws:states:::lambda:invoke.waitForTaskToken') is not supported by the local "
                + "interpreter: only request-response tasks and states:startExecution.sync(:2) run");
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::glue:startJobRun.sync', 'End': true}")))
        .anySatisfy(p -> assertThat(p).contains(".sync integration pattern"));
    assertThat(
            StateMachineDefinition.parse(
                    json(
                        oneState(
                            "{'Type': 'Task', 'Resource': "
                                + "'arn:aws:states:::states:startExecution.sync:2', 'End': true}")))
                .allStates())
        .as("a nested workflow's .sync runs")
        .hasSize(1);
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:us-east-1:123456789012:activity:review', 'End': true}")))
        .anySatisfy(p -> assertThat(p).contains("activities").contains("not supported"));
    assertThat(problems(oneState("{'Type': 'Task', 'Resource': 'my-function', 'End': true}")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "State 'S', field 'Resource': 'my-function' " + "is not a Task resource"));
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': '${ValidateFunctionArn}', " + "'End': true}")))
        .anySatisfy(p -> assertThat(p).contains("placeholder"));
  }

  @Test
  void pathsAndTemplatesAreChecked() {
    List<String> problems =
        problems(
            oneState(
                "{'Type': 'Pass', 'InputPath': 'input', "
                    + "'Parameters': {'a.$': 'not a path'}, 'End': true}"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "State 'S', field " + "'InputPath': 'input' is not a valid JSONPath"));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("State 'S', field " + "'Parameters.a.$'"));
    assertThat(problems(oneState("{'Type': 'Pass', 'Parameters': 'text', 'End': true}")))
        .containsExactly(
            "State 'S', field 'Parameters': must be a JSON object (a payload "
                + "template), got the string \"text\"");
  }

  @Test
  void choiceRulesAreChecked() {
    assertThat(
            problems(
                "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': "
                    + "[{'Variable': '$.x', 'NumericEqualz': 1, 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}"))
        .anySatisfy(p -> assertThat(p).startsWith("State 'C', field 'Choices[0]"));
    assertThat(problems(oneState("{'Type': 'Choice', 'Choices': []}")))
        .contains(
            "State 'S', field 'Choices': must be a non-empty array of choice rules, got "
                + "an empty array");
  }

  @Test
  void taskTimeoutsAreChecked() {
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sns:publish', 'TimeoutSeconds': 10, 'HeartbeatSeconds': 10, "
                        + "'End': true}")))
        .containsExactly(
            "State 'S', field 'HeartbeatSeconds': must be "
                + "smaller than TimeoutSeconds (10), got 10");
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Task', 'Resource': "
                        + "'arn:aws:states:::sns:publish', 'TimeoutSeconds': 10, 'TimeoutSecondsPath': '$.t', "
                        + "'End': true}")))
        .containsExactly(
            "State 'S', field 'TimeoutSecondsPath': a Task "
                + "state may have TimeoutSeconds or TimeoutSecondsPath, not both");
    assertThat(problems(oneState("{'Type': 'Task', 'End': true}")))
        .containsExactly("State 'S', field 'Resource': is required in a Task state");
  }

  @Test
  void stateNamesAreUniqueInTheWholeStateMachine() {
    assertThat(
            problems(
                "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'Branches': "
                    + "[{'StartAt': 'X', 'States': {'X': {'Type': 'Succeed'}}}, {'StartAt': 'X', "
                    + "'States': {'X': {'Type': 'Succeed'}}}], 'End': true}}}"))
        .anySatisfy(p -> assertThat(p).startsWith("State 'X': is defined more than once"));
  }

  @Test
  void mapAndParallelNeedTheirBlocks() {
    assertThat(problems(oneState("{'Type': 'Map', 'End': true}")))
        .containsExactly("State 'S', field 'ItemProcessor': is required in a Map state");
    assertThat(problems(oneState("{'Type': 'Parallel', 'Branches': [], 'End': true}")))
        .containsExactly(
            "State 'S', field 'Branches': must be a non-empty array of branches, "
                + "got an empty array");
    assertThat(
            problems(
                oneState(
                    "{'Type': 'Map', 'MaxConcurrency': -1, 'ItemProcessor': "
                        + "{'StartAt': 'I', 'States': {'I': {'Type': 'Pass', 'End': true}}}, 'End': true}")))
        .containsExactly(
            "State 'S', field 'MaxConcurrency': must be between 0 and 2147483647, " + "got -1");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    DefinitionException e =
        (DefinitionException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    StateMachineDefinition.parse(
                        json(
                            "{'StartAt': 'A', 'States': {"
                                + "'A': {'Type': 'Wait', 'Next': 'B'}, 'B': {'Type': 'Task', 'Resource': "
                                + "'arn:aws:states:::sns:publish', 'Seconds': 3, 'End': true}}}")));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage())
        .startsWith("2 problems in the state machine definition:")
        .contains("State 'A', field 'Seconds'")
        .contains("State 'B', field 'Seconds'");
  }
}
