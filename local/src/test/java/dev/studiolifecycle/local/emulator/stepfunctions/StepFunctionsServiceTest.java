package dev.studiolifecycle.local.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.runtime.LocalStepFunctions;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;

/** The Step Functions API over the wire, through the AWS SDK's SfnClient. */
class StepFunctionsServiceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/service-role/states";
  private static final String ACCOUNT = "arn:aws:states:us-east-1:123456789012:";

  /** Waits a minute, then echoes its input with a greeting. */
  private static final String GREETER =
      json(
              "{'StartAt': 'Pause', 'States': {"
                  + "'Pause': {'Type': 'Wait', 'Seconds': 60, 'Next': 'Greet'},"
                  + "'Greet': {'Type': 'Pass', 'Parameters': {'greeting.$': ")
          + "\"States.Format('Hello, {}!', $.name)\"}, \"End\": true}}}";

  private static final String FAILING =
      json(
          "{'StartAt': 'Refuse', 'States': {'Refuse': {'Type': 'Fail', 'Error':"
              + " 'dev.example.Refused', 'Cause': 'not today'}}}");

  private final VirtualClock clock = new VirtualClock();
  private AwsEmulator emulator;
  private LocalStepFunctions stepFunctions;
  private EmulatorClients clients;
  private SfnClient sfn;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().clock(clock).build().start();
    stepFunctions = LocalStepFunctions.builder(emulator).build();
    clients = new EmulatorClients(emulator);
    sfn = clients.sfn;
  }

  @AfterEach
  void stop() {
    clients.close();
    stepFunctions.close();
    emulator.close();
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private String create(String name, String definition) {
    return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  private ExecutionEngine engine() {
    return stepFunctions.engine();
  }

  // ---------------------------------------------------------------- state machines

  @Test
  void createsDescribesAndListsAStateMachine() {
    clock.advance(Duration.ofMinutes(5));
    CreateStateMachineResponse created =
        sfn.createStateMachine(r -> r.name("greeter").definition(GREETER).roleArn(ROLE));

    assertThat(created.stateMachineArn()).isEqualTo(ACCOUNT + "stateMachine:greeter");
    assertThat(created.creationDate()).isEqualTo(clock.instant());
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
    assertThat(described.name()).isEqualTo("greeter");
    assertThat(described.definition()).isEqualTo(GREETER);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.typeAsString()).isEqualTo("STANDARD");
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.loggingConfiguration().levelAsString()).isEqualTo("OFF");
    assertThat(described.tracingConfiguration().enabled()).isFalse();
    assertThat(sfn.listStateMachines().stateMachines())
        .extracting(StateMachineListItem::name, StateMachineListItem::typeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("greeter", "STANDARD"));
    assertThat(stepFunctions.stepFunctions().stateMachine(created.stateMachineArn()))
        .hasValueSatisfying(machine -> assertThat(machine.roleArn()).isEqualTo(ROLE));
  }

  @Test
  void creatingTheSameStateMachineAgainIsIdempotentAndAnotherDefinitionConflicts() {
    CreateStateMachineResponse first =
        sfn.createStateMachine(r -> r.name("greeter").definition(GREETER).roleArn(ROLE));
    clock.advance(Duration.ofHours(1));
    CreateStateMachineResponse again =
        sfn.createStateMachine(r -> r.name("greeter").definition(GREETER).roleArn(ROLE + "-other"));

    assertThat(again.stateMachineArn()).isEqualTo(first.stateMachineArn());
    assertThat(again.creationDate()).isEqualTo(first.creationDate());
    assertThatThrownBy(() -> create("greeter", FAILING))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageContaining(
            "State Machine Already Exists: '" + ACCOUNT + "stateMachine:greeter'");
  }

  @Test
  void anInvalidDefinitionIsRefusedWithTheCheckersProblems() {
    String broken =
        json(
            "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'B'}, "
                + "'C': {'Type': 'Wait', 'End': true}}}");
    assertThatThrownBy(() -> create("broken", broken))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Invalid State Machine Definition: '")
        .hasMessageContaining("State 'A', field 'Next'")
        .hasMessageContaining("'C'");
    assertThatThrownBy(() -> create("notjson", "{nope"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("not valid JSON");
    String dynamo =
        json(
            "{'StartAt': 'Put', 'States': {'Put': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::dynamodb:putItem', 'End': true}}}");
    assertThatThrownBy(() -> create("dynamo", dynamo))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("State 'Put', field 'Resource'")
        .hasMessageContaining("is not supported");
    assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
  }

  @Test
  void validateStateMachineDefinitionReportsTheCheckersProblemsWithTheirLocation() {
    String broken =
        json(
            "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'B'}, "
                + "'C': {'Type': 'Wait', 'End': true}}}");

    ValidateStateMachineDefinitionResponse ok =
        sfn.validateStateMachineDefinition(r -> r.definition(GREETER));
    ValidateStateMachineDefinitionResponse fail =
        sfn.validateStateMachineDefinition(r -> r.definition(broken));
    ValidateStateMachineDefinitionResponse notJson =
        sfn.validateStateMachineDefinition(r -> r.definition("{nope"));

    assertThat(ok.resultAsString()).isEqualTo("OK");
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(fail.resultAsString()).isEqualTo("FAIL");
    assertThat(fail.diagnostics())
        .extracting(d -> d.severityAsString(), d -> d.code(), d -> d.location())
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "ERROR", "SCHEMA_VALIDATION_FAILED", "/States/A/Next"));
    assertThat(notJson.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION"));
    // AWS accepts a DynamoDB task; that only the local interpreter cannot run it is no diagnostic.
    String dynamo =
        json(
            "{'StartAt': 'Put', 'States': {'Put': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::dynamodb:putItem', 'End': true}}}");
    assertThat(sfn.validateStateMachineDefinition(r -> r.definition(dynamo)).resultAsString())
        .isEqualTo("OK");
  }

  @Test
  void describeStateMachineForExecutionAndTagsOfAStateMachine() {
    String arn =
        sfn.createStateMachine(
                r ->
                    r.name("greeter")
                        .definition(GREETER)
                        .roleArn(ROLE)
                        .tags(Tag.builder().key("team").value("ml-platform").build()))
            .stateMachineArn();
    String execution =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{}")).executionArn();

    DescribeStateMachineForExecutionResponse described =
        sfn.describeStateMachineForExecution(r -> r.executionArn(execution));
    assertThat(described.stateMachineArn()).isEqualTo(arn);
    assertThat(described.definition()).isEqualTo(GREETER);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "ml-platform"));
    assertThatThrownBy(
            () -> sfn.listTagsForResource(r -> r.resourceArn(ACCOUNT + "stateMachine:nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                sfn.describeStateMachineForExecution(
                    r -> r.executionArn(ACCOUNT + "execution:greeter:nope")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void badNamesRolesAndTypesGetTheirOwnErrorCodes() {
    assertThatThrownBy(() -> create("has space", GREETER))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("Invalid Name: 'has space'");
    assertThatThrownBy(() -> create("x".repeat(81), GREETER))
        .isInstanceOf(SfnException.class)
        .satisfies(
            e ->
                assertThat(((SfnException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"))
        .hasMessageContaining("Member must have length less than or equal to 80");
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    r -> r.name("greeter").definition(GREETER).roleArn("states-role")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Invalid Arn: 'states-role'");
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    r -> r.name("greeter").definition(GREETER).roleArn(ROLE).type("EXPRESS")))
        .isInstanceOf(StateMachineTypeNotSupportedException.class);
    assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("greeter").roleArn(ROLE)))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("Value null at 'definition' failed to satisfy constraint");
  }

  @Test
  void listStateMachinesPaginatesWithTokensValidOnlyForThatCall() {
    IntStream.range(0, 5).forEach(i -> create("machine-" + i, GREETER));

    ListStateMachinesResponse first = sfn.listStateMachines(r -> r.maxResults(2));
    assertThat(first.stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("machine-0", "machine-1");
    assertThat(first.nextToken()).isNotNull();
    assertThat(sfn.listStateMachinesPaginator(r -> r.maxResults(2)).stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("machine-0", "machine-1", "machine-2", "machine-3", "machine-4");
    assertThatThrownBy(() -> sfn.listStateMachines(r -> r.nextToken("not-a-token")))
        .isInstanceOf(InvalidTokenException.class);
    String arn = ACCOUNT + "stateMachine:machine-0";
    assertThatThrownBy(
            () -> sfn.listExecutions(r -> r.stateMachineArn(arn).nextToken(first.nextToken())))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.listStateMachines(r -> r.maxResults(1001)))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("Member must have value less than or equal to 1000");
  }

  @Test
  void deletingAStateMachineAbortsItsExecutionsWhichStayDescribable() {
    String arn = create("greeter", GREETER);
    String executionArn =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"Jane\"}"))
            .executionArn();

    sfn.deleteStateMachine(r -> r.stateMachineArn(arn));

    assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageContaining("State Machine Does Not Exist: '" + arn + "'");
    assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).status())
        .isEqualTo(ExecutionStatus.ABORTED);
    assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    // Deleting what does not exist succeeds, as on AWS.
    sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
    assertThatThrownBy(() -> sfn.deleteStateMachine(r -> r.stateMachineArn("greeter")))
        .isInstanceOf(InvalidArnException.class);
  }

  // ---------------------------------------------------------------- executions

  @Test
  void everyMemberIsHeldToTheApiModelAndASensitiveOnesValueIsNotRepeated() {
    String arn = create("greeter", GREETER);
    String run =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{}")).executionArn();
    // DescribeExecution's includedData is ALL_DATA or METADATA_ONLY (Step Functions API model).
    assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(run).includedData("ALL")))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageContaining(
            "1 validation error detected: Value 'ALL' at 'includedData' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]");
    // The input is SensitiveData (at most 262,144 characters): the refusal leaves it out.
    String large = "{\"text\": \"" + "x".repeat(262_144) + "\"}";
    assertThatThrownBy(
            () -> sfn.startExecution(r -> r.stateMachineArn(arn).name("run-2").input(large)))
        .hasMessageStartingWith(
            "1 validation error detected: Value at 'input' failed to satisfy constraint: Member"
                + " must have length less than or equal to 262144");
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(arn)).executions()).hasSize(1);
  }

  @Test
  void startExecutionReturnsWhileRunningAndTheEngineRunsItInVirtualTime() throws Exception {
    String arn = create("greeter", GREETER);
    Instant start = clock.instant();

    StartExecutionResponse started =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"Jane\"}"));

    assertThat(started.executionArn()).isEqualTo(ACCOUNT + "execution:greeter:run-1");
    assertThat(started.startDate()).isEqualTo(start);
    assertThat(sfn.describeExecution(r -> r.executionArn(started.executionArn())).status())
        .isEqualTo(ExecutionStatus.RUNNING);

    engine().runUntilIdle();

    DescribeExecutionResponse done =
        sfn.describeExecution(r -> r.executionArn(started.executionArn()));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.stateMachineArn()).isEqualTo(arn);
    assertThat(done.name()).isEqualTo("run-1");
    assertThat(done.input()).isEqualTo("{\"name\": \"Jane\"}");
    assertThat(MAPPER.readTree(done.output()))
        .isEqualTo(MAPPER.readTree("{\"greeting\": \"Hello, Jane!\"}"));
    assertThat(done.startDate()).isEqualTo(start);
    assertThat(done.stopDate()).isEqualTo(start.plusSeconds(60));
    assertThat(done.error()).isNull();
  }

  @Test
  void theSameNameAndInputWhileRunningIsTheSameExecutionAndOtherwiseAlreadyExists() {
    String arn = create("greeter", GREETER);
    StartExecutionResponse first =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("hr-1").input("{\"name\": \"Jane\"}"));
    clock.advance(Duration.ofSeconds(5));

    StartExecutionResponse again =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("hr-1").input("{\"name\": \"Jane\"}"));

    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertThat(engine().executions()).hasSize(1);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r -> r.stateMachineArn(arn).name("hr-1").input("{\"name\": \"John\"}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageContaining("Execution Already Exists: '" + first.executionArn() + "'");

    engine().runUntilIdle();

    // Once the execution has ended, even the same input is refused.
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r -> r.stateMachineArn(arn).name("hr-1").input("{\"name\": \"Jane\"}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    assertThat(engine().executions()).hasSize(1);
  }

  @Test
  void anExecutionWithoutANameOrInputGetsAGeneratedNameAndAnEmptyObject() {
    String arn = create("greeter", FAILING);
    StartExecutionResponse started = sfn.startExecution(r -> r.stateMachineArn(arn));

    assertThat(started.executionArn())
        .matches(
            ACCOUNT.replace(".", "\\.")
                + "execution:greeter:"
                + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(sfn.describeExecution(r -> r.executionArn(started.executionArn())).input())
        .isEqualTo("{}");
  }

  /** StartExecution's input is any JSON text, not only an object. */
  @Test
  void executionInputsMayBeArraysScalarsOrNull() {
    String echo =
        create(
            "echo", json("{'StartAt': 'Echo', 'States': {'Echo': {'Type': 'Pass', 'End': true}}}"));
    for (String input : List.of("[1, 2]", "\"jane\"", "42", "true", "null")) {
      String execution =
          sfn.startExecution(r -> r.stateMachineArn(echo).input(input)).executionArn();
      engine().runUntilIdle();
      DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(execution));
      assertThat(done.status()).as(input).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).as(input).isEqualTo(input.replace(" ", ""));
    }
  }

  @Test
  void badExecutionRequestsGetTheirOwnErrorCodes() {
    String arn = create("greeter", GREETER);
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(arn).input("{nope")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageContaining("Invalid State Machine Execution Input: '");
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(arn).name("a/b")))
        .isInstanceOf(InvalidNameException.class);
    // API reference, StartExecution: control characters U+007F-009F and U+FFFE-FFFF, surrogates
    // and U+10FFFF are refused; white space of every kind (the stricter reading).
    for (String name :
        List.of(
            "next\u0085line",
            "no\u00a0break",
            "ideographic\u3000space",
            "not\ufffe",
            "last\udbff\udfff")) {
      assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(arn).name(name)))
          .as(name)
          .isInstanceOf(InvalidNameException.class);
    }
    assertThatThrownBy(
            () -> sfn.startExecution(r -> r.stateMachineArn(ACCOUNT + "stateMachine:ghost")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r ->
                        r.stateMachineArn(
                            "arn:aws:states:eu-west-1:210987654321:stateMachine:greeter")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn("greeter")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Invalid Arn: 'greeter'");
    assertThatThrownBy(
            () -> sfn.startExecution(r -> r.stateMachineArn(ACCOUNT + "execution:greeter:run-1")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Resource type not valid in this context: execution");
    assertThatThrownBy(
            () -> sfn.describeExecution(r -> r.executionArn(ACCOUNT + "execution:greeter:ghost")))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageContaining("Execution Does Not Exist: '" + ACCOUNT + "execution:greeter:ghost'");
    assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(arn)))
        .isInstanceOf(InvalidArnException.class);
    assertThat(engine().executions()).isEmpty();
  }

  @Test
  void anExecutionNameMayHaveNonAsciiLettersAndCharactersAboveUffff() {
    String arn = create("greeter", GREETER);
    assertThat(sfn.startExecution(r -> r.stateMachineArn(arn).name("caf\u00e9-\ud83d\ude00")))
        .as("non-ASCII letters and a character above U+FFFF are allowed")
        .extracting(r -> r.executionArn())
        .asString()
        .endsWith(":caf\u00e9-\ud83d\ude00");
  }

  @Test
  void aFailedExecutionReportsItsErrorAndCause() {
    String arn = create("refuser", FAILING);
    String executionArn = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
    engine().runUntilIdle();

    DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
    assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(described.error()).isEqualTo("dev.example.Refused");
    assertThat(described.cause()).isEqualTo("not today");
    assertThat(described.output()).isNull();
  }

  @Test
  void listExecutionsFiltersByStatusMostRecentFirstAndPaginates() {
    String arn = create("greeter", GREETER);
    for (int i = 1; i <= 3; i++) {
      String name = "done-" + i;
      sfn.startExecution(r -> r.stateMachineArn(arn).name(name).input("{\"name\": \"x\"}"));
      clock.advance(Duration.ofSeconds(1));
    }
    engine().runUntilIdle();
    sfn.startExecution(r -> r.stateMachineArn(arn).name("running").input("{\"name\": \"y\"}"));

    assertThat(sfn.listExecutions(r -> r.stateMachineArn(arn)).executions())
        .extracting(ExecutionListItem::name)
        .containsExactly("running", "done-3", "done-2", "done-1");
    ListExecutionsResponse succeeded =
        sfn.listExecutions(
            r -> r.stateMachineArn(arn).statusFilter(ExecutionStatus.SUCCEEDED).maxResults(2));
    assertThat(succeeded.executions())
        .extracting(ExecutionListItem::name)
        .containsExactly("done-3", "done-2");
    assertThat(succeeded.executions().get(0).stopDate()).isNotNull();
    assertThat(
            sfn.listExecutions(
                    r ->
                        r.stateMachineArn(arn)
                            .statusFilter(ExecutionStatus.SUCCEEDED)
                            .maxResults(2)
                            .nextToken(succeeded.nextToken()))
                .executions())
        .extracting(ExecutionListItem::name)
        .containsExactly("done-1");
    assertThat(sfn.listExecutionsPaginator(r -> r.stateMachineArn(arn).maxResults(1)).executions())
        .hasSize(4);
    assertThat(
            sfn.listExecutions(r -> r.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING))
                .executions())
        .singleElement()
        .satisfies(item -> assertThat(item.stopDate()).isNull());
    assertThat(
            sfn.listExecutions(r -> r.stateMachineArn(arn).redriveFilter("REDRIVEN")).executions())
        .isEmpty();
    assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(arn).statusFilter("DONE")))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("Member must satisfy enum value set");
    assertThatThrownBy(
            () -> sfn.listExecutions(r -> r.stateMachineArn(ACCOUNT + "stateMachine:ghost")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void aStateExitedEventNamesTheVariablesTheStateAssignedAsJsonText() {
    String arn =
        create(
            "assigner",
            json(
                "{'StartAt': 'Set', 'States': {'Set': {'Type': 'Pass', 'Assign': {'user.$':"
                    + " '$.name', 'limits': {'apps': 3}}, 'Next': 'Done'}, 'Done': {'Type':"
                    + " 'Succeed'}}}"));
    String executionArn =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"Jane\"}"))
            .executionArn();
    engine().runUntilIdle();

    HistoryEvent exited =
        sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events().stream()
            .filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED)
            .findFirst()
            .orElseThrow();
    assertThat(exited.stateExitedEventDetails().assignedVariables())
        .containsExactly(
            java.util.Map.entry("user", "\"Jane\""), java.util.Map.entry("limits", "{\"apps\":3}"));
    assertThat(exited.stateExitedEventDetails().assignedVariablesDetails().truncated()).isFalse();
    HistoryEvent withoutData =
        sfn
            .getExecutionHistory(r -> r.executionArn(executionArn).includeExecutionData(false))
            .events()
            .stream()
            .filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED)
            .findFirst()
            .orElseThrow();
    assertThat(withoutData.stateExitedEventDetails().hasAssignedVariables()).isFalse();
  }

  @Test
  void getExecutionHistoryPagesInEitherOrderWithOrWithoutExecutionData() {
    String arn = create("greeter", GREETER);
    String executionArn =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"Jane\"}"))
            .executionArn();
    engine().runUntilIdle();

    List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events();
    assertThat(events)
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED,
            HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(events.get(0).executionStartedEventDetails().input())
        .isEqualTo("{\"name\":\"Jane\"}");
    assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
    assertThat(events.get(3).timestamp()).isEqualTo(events.get(0).timestamp().plusSeconds(60));

    GetExecutionHistoryResponse newest =
        sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(4));
    assertThat(newest.events()).extracting(HistoryEvent::id).containsExactly(6L, 5L, 4L, 3L);
    assertThat(
            sfn.getExecutionHistory(
                    r ->
                        r.executionArn(executionArn)
                            .reverseOrder(true)
                            .maxResults(4)
                            .nextToken(newest.nextToken()))
                .events())
        .extracting(HistoryEvent::id)
        .containsExactly(2L, 1L);
    assertThat(
            sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(2))
                .events())
        .hasSize(6);

    List<HistoryEvent> withoutData =
        sfn.getExecutionHistory(r -> r.executionArn(executionArn).includeExecutionData(false))
            .events();
    assertThat(withoutData.get(0).executionStartedEventDetails().input()).isNull();
    assertThat(withoutData.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
    assertThat(withoutData.get(3).stateEnteredEventDetails().name()).isEqualTo("Greet");
    assertThat(withoutData.get(3).stateEnteredEventDetails().input()).isNull();
    assertThat(withoutData.get(5).executionSucceededEventDetails().output()).isNull();
  }

  @Test
  void stopExecutionAbortsARunningExecutionOnceWithItsErrorAndCause() throws Exception {
    String arn = create("greeter", GREETER);
    String executionArn =
        sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"Jane\"}"))
            .executionArn();
    clock.advance(Duration.ofSeconds(10));

    StopExecutionResponse stopped =
        sfn.stopExecution(
            r -> r.executionArn(executionArn).error("Manual").cause("changed my mind"));
    engine().runUntilIdle();

    assertThat(stopped.stopDate()).isEqualTo(clock.instant());
    DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
    assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(described.error()).isEqualTo("Manual");
    assertThat(described.cause()).isEqualTo("changed my mind");
    assertThat(described.stopDate()).isEqualTo(stopped.stopDate());
    HistoryEvent last =
        sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(1))
            .events()
            .get(0);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    assertThat(last.executionAbortedEventDetails().error()).isEqualTo("Manual");

    clock.advance(Duration.ofMinutes(1));
    StopExecutionResponse again = sfn.stopExecution(r -> r.executionArn(executionArn));
    assertThat(again.stopDate()).isEqualTo(stopped.stopDate());
    assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).error())
        .isEqualTo("Manual");
    assertThatThrownBy(
            () -> sfn.stopExecution(r -> r.executionArn(ACCOUNT + "execution:greeter:ghost")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void executionsTheEngineStartedDirectlyAreServedToo() throws Exception {
    String arn = create("greeter", GREETER);
    var machine = stepFunctions.stepFunctions().stateMachine(arn).orElseThrow();
    JsonNode input = MAPPER.readTree("{\"name\": \"Jo\"}");
    engine().run(machine, "direct", input);

    DescribeExecutionResponse described =
        sfn.describeExecution(r -> r.executionArn(ACCOUNT + "execution:greeter:direct"));
    assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(described.input()).isEqualTo("{\"name\":\"Jo\"}");
  }

  @Test
  void everyCallIsRecordedWithItsIamAction() {
    String arn = create("greeter", GREETER);
    sfn.startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"name\": \"x\"}"));
    assertThatThrownBy(
            () -> sfn.describeExecution(r -> r.executionArn(ACCOUNT + "execution:greeter:ghost")))
        .isInstanceOf(ExecutionDoesNotExistException.class);

    assertThat(emulator.requestLog().iamActions())
        .contains("states:CreateStateMachine", "states:StartExecution", "states:DescribeExecution");
    assertThat(emulator.requestLog().calls("states", "StartExecution"))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.mutating()).isTrue();
              assertThat(call.parameters().get("name").asText()).isEqualTo("run-1");
            });
    assertThat(emulator.requestLog().calls("states", "DescribeExecution"))
        .singleElement()
        .satisfies(call -> assertThat(call.errorCode()).isEqualTo("ExecutionDoesNotExist"));
  }
}
