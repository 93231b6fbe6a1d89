package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.MapRun;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Distributed Map in the local runtime: items read from S3, child workflow executions in a Map Run
 * at most MaxConcurrency at once, tolerated failures, and results written back to S3.
 */
class DistributedMapTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/states";
  private static final String BUCKET = "reconcile";

  private AwsEmulator emulator;
  private LocalStepFunctions stepFunctions;
  private EmulatorClients clients;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().build().start();
    stepFunctions = LocalStepFunctions.builder(emulator).build();
    clients = new EmulatorClients(emulator);
    emulator.s3().createBucket(BUCKET, "us-east-1");
  }

  @AfterEach
  void stop() {
    clients.close();
    stepFunctions.close();
    emulator.close();
  }

  private static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static JsonNode json(String singleQuoted) {
    try {
      return LocalJson.MAPPER.readTree(q(singleQuoted));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void put(String key, String body) {
    clients.s3.putObject(
        r -> r.bucket(BUCKET).key(key),
        software.amazon.awssdk.core.sync.RequestBody.fromString(body));
  }

  private JsonNode object(String key) {
    try {
      return LocalJson.MAPPER.readTree(emulator.s3().object(BUCKET, key).orElseThrow());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Distributed Map whose children fail at once when their item has "fail", else take 10 s. */
  private Execution run(String mapFields, String input) {
    String definition =
        "{'StartAt': 'Apply', 'States': {'Apply': {'Type': 'Map', "
            + mapFields
            + ", 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED', 'ExecutionType':"
            + " 'STANDARD'}, 'StartAt': 'Decide', 'States': {"
            + "'Decide': {'Type': 'Choice', 'Choices': [{'Variable': '$.fail', 'IsPresent': true,"
            + " 'Next': 'Broken'}], 'Default': 'Work'},"
            + "'Work': {'Type': 'Wait', 'Seconds': 10, 'Next': 'Done'},"
            + "'Broken': {'Type': 'Fail', 'Error': 'Item.Failed', 'Cause': 'as asked'},"
            + "'Done': {'Type': 'Pass', 'End': true}}}, 'End': true}}}";
    StateMachine machine =
        stepFunctions.stepFunctions().createStateMachine("reconcile", q(definition), ROLE);
    Execution execution = stepFunctions.engine().start(machine, "nightly", json(input));
    return stepFunctions.engine().awaitCompletion(execution);
  }

  private static final String READ_PLAN =
      "'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', 'ReaderConfig': {'InputType':"
          + " 'JSON'}, 'Parameters': {'Bucket': 'reconcile', 'Key.$': '$.planKey'}}";

  private static final String WRITE_REPORT =
      "'ResultWriter': {'Resource': 'arn:aws:states:::s3:putObject', 'Parameters': {'Bucket':"
          + " 'reconcile', 'Prefix': 'reports'}}";

  @Test
  void itemsReadFromS3RunAsChildExecutionsAndTheirResultsAreWrittenBack() {
    put("plans/p.json", q("[{'user': 'a'}, {'user': 'b'}, {'user': 'c'}]"));

    Execution execution =
        run(READ_PLAN + ", " + WRITE_REPORT + ", 'Label': 'apply'", "{'planKey': 'plans/p.json'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = execution.output().orElseThrow();
    String mapRunArn = output.path("MapRunArn").asText();
    assertThat(mapRunArn)
        .startsWith("arn:aws:states:us-east-1:123456789012:mapRun:reconcile/apply:");
    String manifestKey = output.path("ResultWriterDetails").path("Key").asText();
    assertThat(manifestKey).startsWith("reports/").endsWith("/manifest.json");
    JsonNode manifest = object(manifestKey);
    assertThat(manifest.path("MapRunArn").asText()).isEqualTo(mapRunArn);
    String succeededKey =
        manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText();
    JsonNode succeeded = object(succeededKey);
    assertThat(succeeded).hasSize(3);
    assertThat(succeeded.get(0).path("Input").asText()).isEqualTo("{\"user\":\"a\"}");
    assertThat(succeeded.get(0).path("ExecutionArn").asText())
        .startsWith("arn:aws:states:us-east-1:123456789012:execution:reconcile/apply:");

    DescribeMapRunResponse described = clients.sfn.describeMapRun(r -> r.mapRunArn(mapRunArn));
    assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(described.itemCounts().succeeded()).isEqualTo(3L);
    assertThat(described.itemCounts().total()).isEqualTo(3L);
    assertThat(described.itemCounts().resultsWritten()).isEqualTo(3L);
    assertThat(clients.sfn.listExecutions(r -> r.mapRunArn(mapRunArn)).executions())
        .extracting(ExecutionListItem::statusAsString)
        .containsOnly("SUCCEEDED")
        .hasSize(3);
    assertThat(clients.sfn.listMapRuns(r -> r.executionArn(execution.executionArn())).mapRuns())
        .hasSize(1);
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .containsSubsequence(
            HistoryEventType.MapStateEntered,
            HistoryEventType.MapRunStarted,
            HistoryEventType.MapRunSucceeded,
            HistoryEventType.MapStateExited);
  }

  @Test
  void noMoreThanMaxConcurrencyChildrenRunAtOnce() {
    put("plans/p.json", q("[{}, {}, {}, {}, {}, {}]"));
    Instant started = emulator.clock().instant();

    Execution execution = run(READ_PLAN + ", 'MaxConcurrency': 2", "{'planKey': 'plans/p.json'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Duration.between(started, execution.stopDate().orElseThrow()))
        .as("six children of 10 s, two at a time")
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(execution.output().orElseThrow()).hasSize(6);
  }

  @Test
  void failuresWithinTheToleratedPercentageLetTheMapSucceedAndAreReported() {
    put("plans/p.json", q("[{}, {'fail': 1}, {}, {}]"));

    Execution execution =
        run(
            READ_PLAN + ", " + WRITE_REPORT + ", 'ToleratedFailurePercentage': 25",
            "{'planKey': 'plans/p.json'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode manifest =
        object(execution.output().orElseThrow().path("ResultWriterDetails").path("Key").asText());
    JsonNode failed =
        object(manifest.path("ResultFiles").path("FAILED").get(0).path("Key").asText());
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("Error").asText()).isEqualTo("Item.Failed");
  }

  @Test
  void aToleratedPercentageReadByItsPathTolerates() {
    put("plans/p.json", q("[{}, {'fail': 1}, {}, {}]"));

    Execution execution =
        run(
            READ_PLAN + ", 'ToleratedFailurePercentagePath': '$.tolerate'",
            "{'planKey': 'plans/p.json', 'tolerate': 25}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aToleratedPercentagePathSelectingMoreThan100FailsTheStateNamingThePath() {
    put("plans/p.json", q("[{}]"));

    Execution execution =
        run(
            READ_PLAN + ", 'ToleratedFailurePercentagePath': '$.tolerate'",
            "{'planKey': 'plans/p.json', 'tolerate': 120}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow())
        .isEqualTo(
            "The ToleratedFailurePercentagePath '$.tolerate' of state 'Apply' must select a number"
                + " from 0 to 100, got 120");
    assertThat(stepFunctions.engine().mapRuns()).isEmpty();
  }

  @Test
  void failuresBeyondWhatIsToleratedFailTheMapRunAndStopTheChildrenStillRunning() {
    put("plans/p.json", q("[{'fail': 1}, {}, {}, {}]"));

    Execution execution =
        run(READ_PLAN + ", 'ToleratedFailureCount': 0", "{'planKey': 'plans/p.json'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.ExceedToleratedFailureThreshold");
    MapRun mapRun = stepFunctions.engine().mapRuns().get(0);
    assertThat(mapRun.status()).isEqualTo(MapRun.Status.FAILED);
    assertThat(mapRun.children())
        .extracting(Execution::status)
        .containsExactly(
            ExecutionStatus.FAILED,
            ExecutionStatus.ABORTED,
            ExecutionStatus.ABORTED,
            ExecutionStatus.ABORTED);
    assertThat(execution.stopDate()).contains(mapRun.startDate());
  }

  @Test
  void csvRowsBatchedReachEachChildAsItemsWithTheBatchInput() {
    put("rosters/r.csv", "userName,status\njane,ACTIVE\njohn,INACTIVE\n\"o,neil\",ACTIVE\n");
    String fields =
        "'ItemReader': {'Resource': 'arn:aws:states:::s3:getObject', 'ReaderConfig': {'InputType':"
            + " 'CSV', 'CSVHeaderLocation': 'FIRST_ROW'}, 'Parameters': {'Bucket': 'reconcile',"
            + " 'Key': 'rosters/r.csv'}}, 'ItemBatcher': {'MaxItemsPerBatch': 2, 'BatchInput':"
            + " {'run.$': '$$.Execution.Name'}}";

    Execution execution = run(fields, "{}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            json(
                "[{'Items': [{'userName': 'jane', 'status': 'ACTIVE'}, {'userName': 'john',"
                    + " 'status': 'INACTIVE'}], 'BatchInput': {'run': 'nightly'}},"
                    + " {'Items': [{'userName': 'o,neil', 'status': 'ACTIVE'}], 'BatchInput':"
                    + " {'run': 'nightly'}}]"));
  }

  @Test
  void anObjectThatCannotBeReadFailsTheStateWithItemReaderFailed() {
    Execution execution = run(READ_PLAN, "{'planKey': 'plans/absent.json'}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.ItemReaderFailed");
    assertThat(execution.cause().orElseThrow()).contains("NoSuchKey");
  }

  @Test
  void aFileThatIsNotAnArrayOfItemsIsNamed() {
    put("plans/p.json", "{\"not\": \"an array\"}");

    Execution execution = run(READ_PLAN, "{'planKey': 'plans/p.json'}");

    assertThat(execution.error()).contains("States.ItemReaderFailed");
    assertThat(execution.cause().orElseThrow()).contains("must hold an array");
  }

  @Test
  void stoppingTheParentStopsItsMapRun() {
    put("plans/p.json", q("[{}, {}]"));
    StateMachine machine =
        stepFunctions
            .stepFunctions()
            .createStateMachine(
                "slow",
                q(
                    "{'StartAt': 'Apply', 'States': {'Apply': {'Type': 'Map', "
                        + READ_PLAN
                        + ", 'ItemProcessor': {'ProcessorConfig': {'Mode': 'DISTRIBUTED',"
                        + " 'ExecutionType': 'STANDARD'}, 'StartAt': 'Work', 'States': {'Work':"
                        + " {'Type': 'Wait', 'Seconds': 3600, 'End': true}}}, 'End': true}}}"),
                ROLE);
    Execution execution =
        stepFunctions.engine().start(machine, "run", json("{'planKey': 'plans/p.json'}"));
    stepFunctions
        .engine()
        .scheduler()
        .runUntil(
            () ->
                !stepFunctions.engine().mapRuns().isEmpty()
                    && stepFunctions.engine().mapRuns().get(0).children().size() == 2);

    stepFunctions.engine().stop(execution, "Operator", "by hand");
    stepFunctions.engine().runUntilIdle();

    MapRun mapRun = stepFunctions.engine().mapRuns().get(0);
    assertThat(mapRun.status()).isEqualTo(MapRun.Status.ABORTED);
    assertThat(mapRun.children())
        .extracting(Execution::status)
        .containsOnly(ExecutionStatus.ABORTED);
  }

  @Test
  void objectsAreReadAndWrittenAsTheStateMachineWouldRequest() {
    put("plans/p.json", q("[{}]"));

    run(READ_PLAN + ", " + WRITE_REPORT, "{'planKey': 'plans/p.json'}");

    List<String> s3Calls =
        emulator.requestLog().calls().stream()
            .filter(call -> call.service().equals("s3"))
            .map(call -> call.operation() + " " + call.parameters().path("Key").asText())
            .toList();
    assertThat(s3Calls).contains("GetObject plans/p.json");
    assertThat(s3Calls)
        .anyMatch(call -> call.startsWith("PutObject reports/") && call.endsWith("manifest.json"));
    assertThat(
            new String(
                emulator.s3().object(BUCKET, "plans/p.json").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("[{}]");
  }
}
