package dev.studiolifecycle.local.asl.engine;

import static dev.studiolifecycle.local.asl.engine.Definitions.FN;
import static dev.studiolifecycle.local.asl.engine.Definitions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * Input and output processing (InputPath, Parameters, ResultSelector, ResultPath, OutputPath),
 * checked against the examples of the Step Functions developer guide.
 */
class InputOutputProcessingTest {

  /** The guide's HelloWorld function: returns "Hello, " + who + "!". */
  private final FakeTasks tasks =
      new FakeTasks()
          .on(
              "HelloFunction",
              call ->
                  TaskOutcome.succeeded(
                      TextNode.valueOf("Hello, " + call.parameters().get("who").asText() + "!")));

  private JsonNode run(String definition, String input) {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock()).taskInvoker(tasks).build();
    Execution execution =
        engine.run(
            StateMachine.of("Test", StateMachineDefinition.parse(json(definition))),
            "run",
            ExecutionEngine.parseInput(json(input)));
    assertThat(execution.status())
        .as("%s: %s", execution.error(), execution.cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution.output().orElseThrow();
  }

  private static String task(String fields) {
    return "{'StartAt': 'Hello', 'States': {'Hello': {'Type': 'Task', 'Resource': '"
        + FN
        + "HelloFunction', "
        + fields
        + (fields.isEmpty() ? "" : ", ")
        + "'End': true}}}";
  }

  private static final String HELLO_INPUT =
      "{'comment': 'This is a test of the input and "
          + "output of a Task state.', 'details': 'Default example', 'who': 'AWS Step Functions'}";

  @Test
  void resultPathDollarReplacesTheInputWithTheResult() {
    assertThat(run(task("'ResultPath': '$'"), HELLO_INPUT))
        .isEqualTo(TextNode.valueOf("Hello, AWS Step Functions!"));
  }

  @Test
  void resultPathKeepsTheInputAndAddsTheResult() {
    assertThat(run(task("'ResultPath': '$.taskresult'"), HELLO_INPUT))
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{'comment': 'This is a test of the input and output of "
                        + "a Task state.', 'details': 'Default example', 'who': 'AWS Step Functions', "
                        + "'taskresult': 'Hello, AWS Step Functions!'}")));
  }

  @Test
  void resultPathNullDiscardsTheResult() {
    assertThat(run(task("'ResultPath': null"), HELLO_INPUT))
        .isEqualTo(ExecutionEngine.parseInput(json(HELLO_INPUT)));
  }

  @Test
  void outputPathSelectsPartOfTheOutput() {
    assertThat(run(task("'ResultPath': '$.taskresult', 'OutputPath': '$.taskresult'"), HELLO_INPUT))
        .isEqualTo(TextNode.valueOf("Hello, AWS Step Functions!"));
  }

  @Test
  void inputPathResultPathAndOutputPathTogether() {
    // The guide's combined example: InputPath $.lambda, ResultPath $.data.lambdaresult,
    // OutputPath $.data.
    JsonNode output =
        run(
            task(
                "'InputPath': '$.lambda', 'ResultPath': '$.data.lambdaresult', "
                    + "'OutputPath': '$.data'"),
            "{'comment': 'An input comment.', 'data': {'val1': 23, "
                + "'val2': 17}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}}");
    assertThat(output)
        .isEqualTo(
            ExecutionEngine.parseInput(
                json("{'val1': 23, 'val2': 17, 'lambdaresult': 'Hello, AWS Step Functions!'}")));
  }

  @Test
  void resultPathCreatesMissingObjectsOnADeepPath() {
    JsonNode output = run(task("'ResultPath': '$.a.b.c'"), "{'who': 'me'}");
    assertThat(output)
        .isEqualTo(
            ExecutionEngine.parseInput(json("{'who': 'me', 'a': {'b': {'c': 'Hello, me!'}}}")));
  }

  @Test
  void parametersSelectWhatTheTaskGets() {
    String definition =
        "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': "
            + "{'comment': 'Selecting what I care about.', 'MyDetails': {'size.$': "
            + "'$.product.details.size', 'exists.$': '$.product.availability', 'StaticValue': "
            + "'foo'}}, 'End': true}}}";
    JsonNode output =
        run(
            definition,
            "{'comment': 'Example for Parameters.', 'product': "
                + "{'details': {'color': 'blue', 'size': 'small', 'material': 'cotton'}, "
                + "'availability': 'in stock', 'sku': '2317', 'cost': '$23'}}");
    assertThat(output)
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{'comment': 'Selecting what "
                        + "I care about.', 'MyDetails': {'size': 'small', 'exists': 'in stock', 'StaticValue': "
                        + "'foo'}}")));
  }

  @Test
  void inputPathSelectsTheEffectiveInput() {
    String definition =
        "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'InputPath': "
            + "'$.dataset2', 'End': true}}}";
    JsonNode output =
        run(
            definition,
            "{'comment': 'Example for InputPath.', 'dataset1': "
                + "{'val1': 1, 'val2': 2, 'val3': 3}, 'dataset2': {'val1': 'a', 'val2': 'b', "
                + "'val3': 'c'}}");
    assertThat(output)
        .isEqualTo(ExecutionEngine.parseInput(json("{'val1': 'a', 'val2': 'b', 'val3': 'c'}")));
  }

  @Test
  void resultSelectorShapesTheResultBeforeResultPath() {
    // The guide's ResultSelector example (an EMR createCluster result).
    tasks.on(
        "EmrFunction",
        call ->
            TaskOutcome.succeeded(
                ExecutionEngine.parseInput(
                    json(
                        "{'resourceType': 'elasticmapreduce', 'resource': 'createCluster.sync', 'output': "
                            + "{'SdkHttpMetadata': {'HttpStatusCode': 200}, 'SdkResponseMetadata': {}, "
                            + "'ClusterId': 'AKIAIOSFODNN7EXAMPLE'}}"))));
    String definition =
        "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '"
            + FN
            + "EmrFunction', 'ResultSelector': {'ClusterId.$': '$.output.ClusterId', "
            + "'ResourceType.$': '$.resourceType'}, 'ResultPath': '$.EMROutput', 'End': true}}}";
    JsonNode output = run(definition, "{'comment': 'Example for ResultSelector.'}");
    assertThat(output)
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{'comment': 'Example for "
                        + "ResultSelector.', 'EMROutput': {'ClusterId': 'AKIAIOSFODNN7EXAMPLE', 'ResourceType': "
                        + "'elasticmapreduce'}}")));
  }

  @Test
  void passResultIsPlacedAtResultPath() {
    // The guide's Pass state example.
    String definition =
        "{'StartAt': 'No-op', 'States': {'No-op': {'Type': 'Pass', 'Result': "
            + "{'x-datum': 0.381018, 'y-datum': 622.2269926397355}, 'ResultPath': '$.coords', "
            + "'End': true}}}";
    assertThat(run(definition, "{'georefOf': 'Home'}"))
        .isEqualTo(
            ExecutionEngine.parseInput(
                json(
                    "{'georefOf': 'Home', 'coords': {'x-datum': 0.381018, 'y-datum': "
                        + "622.2269926397355}}")));
  }

  @Test
  void nullInputPathAndOutputPathGiveEmptyObjects() {
    String definition =
        "{'StartAt': 'A', 'States': {"
            + "'A': {'Type': 'Pass', 'InputPath': null, 'ResultPath': '$.seen', 'Next': 'B'},"
            + "'B': {'Type': 'Pass', 'OutputPath': null, 'End': true}}}";
    assertThat(run(definition, "{'x': 1}")).isEqualTo(ExecutionEngine.parseInput("{}"));
    String first =
        "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'InputPath': null, "
            + "'ResultPath': '$.seen', 'End': true}}}";
    assertThat(run(first, "{'x': 1}"))
        .isEqualTo(ExecutionEngine.parseInput(json("{'x': 1, 'seen': {}}")));
  }

  @Test
  void parametersReadTheContextObject() {
    String definition =
        "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': "
            + "{'execution.$': '$$.Execution.Name', 'state.$': '$$.State.Name'}, 'End': true}}}";
    assertThat(run(definition, "{}"))
        .isEqualTo(ExecutionEngine.parseInput(json("{'execution': 'run', 'state': 'P'}")));
  }
}
