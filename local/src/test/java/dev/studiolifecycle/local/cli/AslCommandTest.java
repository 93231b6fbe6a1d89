package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio-lifecycle asl run|validate}: stdout, stderr and exit codes. */
class AslCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private int run(String... args) {
    return StudioLifecycleCommand.execute(args);
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content.replace('\'', '"'));
    return file;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(AslCommandTest.class.getResource(name).toURI());
  }

  @Test
  void runPrintsOnlyTheOutputOnStdoutAndTheTimelineOnStderr() throws IOException {
    Path definition = dir.resolve("greet.asl.json");
    Files.writeString(
        definition,
        "{\"StartAt\": \"Wait\", \"States\": {"
            + "\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 125, \"Next\": \"Greet\"},"
            + "\"Greet\": {\"Type\": \"Pass\", \"Parameters\": {\"greeting.$\": "
            + "\"States.Format('Hello, {}!', $.name)\"}, \"End\": true}}}");
    int exit = run("asl", "run", definition.toString(), "--input", "{\"name\": \"Jane\"}");
    assertThat(exit).as(err()).isZero();
    assertThat(out()).isEqualTo("{\"greeting\":\"Hello, Jane!\"}\n");
    assertThat(err())
        .contains("+00:00:00")
        .contains("Wait   WaitStateEntered")
        .contains("+00:02:05")
        .contains("ExecutionSucceeded");
  }

  @Test
  void runReadsTheInputFromAFile() throws IOException {
    Path definition =
        write(
            "echo.json",
            "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', "
                + "'OutputPath': '$.keep', 'End': true}}}");
    Path input = write("input.json", "{'keep': [1, 2], 'drop': true}");
    assertThat(run("asl", "run", definition.toString(), "--input", input.toString())).isZero();
    assertThat(out()).isEqualTo("[1,2]\n");
  }

  @Test
  void aFailedExecutionPrintsErrorAndCauseAndExitsWithOne() throws IOException {
    Path definition =
        write(
            "fail.asl.json",
            "{'StartAt': 'F', 'States': {'F': {'Type': "
                + "'Fail', 'Error': 'dev.example.Refused', 'Cause': 'not today'}}}");
    assertThat(run("asl", "run", definition.toString())).isEqualTo(1);
    assertThat(out()).isEqualTo("{\"error\":\"dev.example.Refused\",\"cause\":\"not today\"}\n");
    assertThat(err()).contains("ExecutionFailed").contains("dev.example.Refused: not today");
  }

  @Test
  void aTimedOutExecutionExitsWithOne() throws IOException {
    Path definition =
        write(
            "slow.asl.json",
            "{'TimeoutSeconds': 60, 'StartAt': 'W', "
                + "'States': {'W': {'Type': 'Wait', 'Seconds': 3600, 'End': true}}}");
    assertThat(run("asl", "run", definition.toString())).isEqualTo(1);
    assertThat(MAPPER.readTree(out()).get("error").asText()).isEqualTo("States.Timeout");
    assertThat(err()).contains("+00:01:00").contains("ExecutionTimedOut");
  }

  @Test
  void anInvalidDefinitionListsEveryProblemAndExitsWithTwo() throws IOException {
    Path definition =
        write(
            "bad.asl.json",
            "{'StartAt': 'A', 'States': {"
                + "'A': {'Type': 'Wait', 'Next': 'B'}, 'B': {'Type': 'Pass', 'Seconds': 3, "
                + "'End': true}}}");
    assertThat(run("asl", "run", definition.toString())).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err())
        .contains("invalid definition, 2 problems")
        .contains("State 'A', field 'Seconds'")
        .contains("State 'B', field 'Seconds'");
  }

  @Test
  void badInputAndUsageExitWithTwo() throws IOException {
    Path definition =
        write("ok.json", "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', " + "'End': true}}}");
    assertThat(run("asl", "run", definition.toString(), "--input", "{nope")).isEqualTo(2);
    assertThat(err()).contains("--input: '{nope' is neither a readable file nor valid JSON");
    assertThat(run("asl", "run", definition.toString(), "--input", "[1]")).isEqualTo(2);
    assertThat(run("asl", "run")).isEqualTo(2);
    assertThat(run("asl", "run", definition.toString(), "--mock-config", "x.json")).isEqualTo(2);
    assertThat(err()).contains("--mock-config and --test-case go together");
    assertThat(run("asl")).isEqualTo(2);
    assertThat(run("asl", "run", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err()).contains("Cannot read the definition");
    assertThat(out()).isEmpty();
  }

  @Test
  void runsTheDocumentedMockConfigurationExample() throws Exception {
    Path definition = resource("/asl/mock/LambdaSQSIntegration.asl.json");
    Path config = resource("/asl/mock/MockConfigFile.json");
    int exit =
        run(
            "asl",
            "run",
            definition.toString(),
            "--mock-config",
            config.toString(),
            "--test-case",
            "RetryPath");
    assertThat(exit).as(err()).isZero();
    assertThat(MAPPER.readTree(out()))
        .isEqualTo(
            MAPPER.readTree(
                "{\"MD5OfMessageBody\":"
                    + "\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\",\"MessageId\":"
                    + "\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"));
    assertThat(err())
        .contains("Lambda.ResourceNotReadyException: Lambda resource is not ready.")
        .contains("+00:00:14")
        .contains("SQSState");
  }

  @Test
  void theMockStateMachineNameCanBeGiven() throws Exception {
    Path copy = dir.resolve("copy.json");
    Files.copy(resource("/asl/mock/LambdaSQSIntegration.asl.json"), copy);
    Path config = resource("/asl/mock/MockConfigFile.json");
    assertThat(
            run(
                "asl",
                "run",
                copy.toString(),
                "--mock-config",
                config.toString(),
                "--test-case",
                "HappyPath"))
        .isEqualTo(2);
    assertThat(err()).contains("no state machine 'copy' (it has: LambdaSQSIntegration)");
    assertThat(
            run(
                "asl",
                "run",
                copy.toString(),
                "--mock-config",
                config.toString(),
                "--test-case",
                "HappyPath",
                "--state-machine-name",
                "LambdaSQSIntegration"))
        .isZero();
  }

  @Test
  void lambdaTasksRunTheTemplatesHandlersWithTheirOutputKeptOffStdout() throws Exception {
    Path template = resource("/template/template.yaml");
    Path definition = template.resolveSibling("statemachine/flow.asl.json");
    int exit =
        run(
            "asl",
            "run",
            definition.toString(),
            "--project-root",
            template.getParent().toString(),
            "--input",
            "{\"name\": \"Jane\"}");
    assertThat(exit).as(err()).isZero();
    JsonNode output = MAPPER.readTree(out());
    assertThat(output.get("greeting").get("message").asText()).isEqualTo("Hello, Jane!");
    assertThat(output.get("error").get("Error").asText())
        .isEqualTo("dev.studiolifecycle.local.lambda.fixtures.GreetingRefused");
    assertThat(err())
        .contains("{\"level\":\"INFO\",\"message\":\"greeting Jane\"}")
        .contains("+00:00:30")
        .contains("LambdaFunctionFailed");
    assertThat(out()).doesNotContain("level");
  }

  @Test
  void handlerLogsCanGoToAFile() throws Exception {
    Path template = resource("/template/template.yaml");
    Path definition = template.resolveSibling("statemachine/flow.asl.json");
    Path log = dir.resolve("handlers.log");
    assertThat(
            run(
                "asl",
                "run",
                definition.toString(),
                "--project-root",
                template.getParent().toString(),
                "--input",
                "{\"name\": \"Ann\"}",
                "--handler-logs",
                log.toString()))
        .isZero();
    assertThat(Files.readString(log)).contains("greeting Ann");
    assertThat(err()).doesNotContain("greeting Ann");
  }

  @Test
  void placeholdersWithoutATemplateAndUnknownFunctionsAreBadInput() throws Exception {
    Path definition = resource("/template/statemachine/flow.asl.json");
    assertThat(run("asl", "run", definition.toString())).isEqualTo(2);
    assertThat(err())
        .contains("placeholders (GreetingAliasArn, GreetingFunctionArn, " + "WaitSeconds)");
    Path direct =
        write(
            "direct.asl.json",
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': "
                + "'nobody'}, 'End': true}}}");
    assertThat(
            run(
                "asl",
                "run",
                direct.toString(),
                "--project-root",
                resource("/template/template.yaml").getParent().toString()))
        .isEqualTo(2);
    assertThat(err())
        .contains("State 'T', field 'Parameters.FunctionName': no function nobody " + "in")
        .contains("studio-lifecycle-greeting, FailingFunction");
    assertThat(run("asl", "run", direct.toString())).isEqualTo(2);
    assertThat(err()).contains("there is no template to find it in");
  }

  @Test
  void validateAcceptsAValidDefinition() throws Exception {
    Path definition = resource("/asl/mock/LambdaSQSIntegration.asl.json");
    assertThat(
            run(
                "asl",
                "validate",
                resource("/template/statemachine/flow.asl.json").toString(),
                "--project-root",
                resource("/template/template.yaml").getParent().toString()))
        .isZero();
    assertThat(out()).contains("flow.asl.json: valid (4 states)");
    // sqs:sendMessage is not something a local run can call (only mocked).
    assertThat(run("asl", "validate", definition.toString())).isEqualTo(2);
    assertThat(err())
        .contains(
            "State 'SQSState', field 'Resource': "
                + "arn:aws:states:::sqs:sendMessage is not supported by the local interpreter");
  }

  @Test
  void validateListsEveryProblemAndExitsWithTwo() throws IOException {
    Path definition =
        write(
            "bad.asl.json",
            "{'StartAt': 'Missing', 'States': {"
                + "'A': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke.waitForTaskToken',"
                + " 'Retry': [{'ErrorEquals': ['States.ALL'], 'BackoffRate': 0.5}], 'End': true}}}");
    assertThat(run("asl", "validate", definition.toString())).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err())
        .contains("problems")
        .contains("Field 'StartAt': no state named 'Missing'")
        .contains("State 'A', field 'Resource': the .waitForTaskToken integration pattern")
        .contains("State 'A', field 'Retry[0].BackoffRate': must be a number >= 1.0");
  }

  // ---------------------------------------------------------------- the documented example

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  @Test
  void theExampleRunsMapParallelChoiceWaitRetryAndCatchFromItsMockConfiguration() throws Exception {
    Path example = ROOT.resolve("events/asl");
    int exit =
        run(
            "asl",
            "run",
            example.resolve("app-cleanup.asl.json").toString(),
            "--input",
            example.resolve("app-cleanup.input.json").toString(),
            "--mock-config",
            example.resolve("app-cleanup.mock.json").toString(),
            "--test-case",
            "HappyPath");

    assertThat(exit).as(err()).isZero();
    assertThat(MAPPER.readTree(out()))
        .isEqualTo(
            MAPPER.readTree(
                ("{'userProfileName': "
                        + "'jane-doe', 'spaces': ['jane-doe-private'], 'deletions': ["
                        + "{'appName': 'default', 'kept': false}, {'appName': 'datascience', 'kept': false}, "
                        + "{'appName': 'lab', 'kept': true}], 'anyKept': true, "
                        + "'secondPass': {'deleted': ['lab']}}")
                    .replace('\'', '"')));
    assertThat(err())
        .contains("Inventory        ParallelStateEntered")
        .contains("ListApps         TaskFailed              Lambda.TooManyRequestsException")
        .contains("+00:00:02      ListApps         TaskSucceeded")
        .contains("DeleteApps       MapIterationStarted     item 2")
        .contains("dev.studiolifecycle.error.ResourceBusy: lab is still Pending")
        .contains("KeepForLater     PassStateEntered")
        .contains("AnyKept          ChoiceStateEntered")
        .contains("+00:02:03      WaitForBusyApps  WaitStateExited")
        .contains("ExecutionSucceeded");

    stdout.reset();
    assertThat(
            run(
                "asl",
                "run",
                example.resolve("app-cleanup.asl.json").toString(),
                "--input",
                example.resolve("app-cleanup.input.json").toString(),
                "--mock-config",
                example.resolve("app-cleanup.mock.json").toString(),
                "--test-case",
                "DeletionFails"))
        .as(err())
        .isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            "{\"error\":\"AppCleanupFailed\",\"cause\":"
                + "\"sagemaker DeleteApp: AccessDeniedException\"}\n");
  }

  // ---------------------------------------------------------------- against the emulator

  @Test
  void withoutMocksTheProjectsStateMachineRunsItsHandlersAgainstTheEmulator() throws Exception {
    Path log = dir.resolve("handlers.log");
    int exit =
        run(
            "asl",
            "run",
            ROOT.resolve("statemachine/studio-user-lifecycle.asl.json").toString(),
            "--project-root",
            ROOT.toString(),
            "--scenario",
            ROOT.resolve("events/scenarios/offboarding-jane-doe.json").toString(),
            "--input",
            "{\"action\": \"OFFBOARD\", \"domainId\": \"d-studiolocal01\", "
                + "\"userProfileName\": \"jane-doe\", \"requestId\": \"hr-2026-000987\"}",
            "--handler-logs",
            log.toString());

    assertThat(exit).as(err()).isZero();
    JsonNode output = MAPPER.readTree(out());
    assertThat(output.at("/validated/existingProfile/managedByUs").asBoolean()).isTrue();
    assertThat(output.at("/validated/request/userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(err())
        .contains("DeleteUserResources")
        .contains("AwaitDeletions")
        .contains("NotifyOffboarded           TaskSucceeded")
        .contains("ExecutionSucceeded");
    // The handlers' EMF metrics, with the namespace of the function's template environment.
    assertThat(Files.readString(log)).contains("\"Namespace\":\"StudioLifecycle\"");
    assertThat(out()).doesNotContain("\"level\"");
  }

  @Test
  void awsSdkTasksCallTheInProcessEmulatorSeededByTheScenario() throws Exception {
    Path definition =
        write(
            "who.asl.json",
            "{'StartAt': 'Domain', 'States': {"
                + "'Domain': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:sagemaker:"
                + "describeDomain', 'Parameters': {'DomainId.$': '$.domainId'}, "
                + "'ResultSelector': {'name.$': '$.DomainName', 'status.$': '$.Status'}, "
                + "'ResultPath': '$.domain', 'Next': 'Who'},"
                + "'Who': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:sts:getCallerIdentity',"
                + " 'Parameters': {}, 'ResultSelector': {'account.$': '$.Account'}, "
                + "'ResultPath': '$.caller', 'End': true}}}");
    int exit =
        run(
            "asl",
            "run",
            definition.toString(),
            "--scenario",
            ROOT.resolve("events/scenarios/offboarding-jane-doe.json").toString(),
            "--input",
            "{\"domainId\": \"d-studiolocal01\"}");

    assertThat(exit).as(err()).isZero();
    assertThat(MAPPER.readTree(out()))
        .isEqualTo(
            MAPPER.readTree(
                "{\"domainId\": "
                    + "\"d-studiolocal01\", \"domain\": {\"name\": \"studio-local\", \"status\": "
                    + "\"InService\"}, \"caller\": {\"account\": \"123456789012\"}}"));
  }

  @Test
  void aScenarioIsForRunsAgainstTheEmulatorOnly() throws Exception {
    Path definition =
        write("ok.json", "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', " + "'End': true}}}");
    assertThat(
            run(
                "asl",
                "run",
                definition.toString(),
                "--scenario",
                "x.json",
                "--mock-config",
                "y.json",
                "--test-case",
                "z"))
        .isEqualTo(2);
    assertThat(err()).contains("--scenario seeds the in-process emulator");
    assertThat(
            run(
                "asl",
                "run",
                definition.toString(),
                "--scenario",
                dir.resolve("missing.json").toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--scenario: ").contains("missing.json");
  }

  @Test
  void validateAcceptsTheProjectsDefinitionAndTheAwsSdkTasksTheEmulatorServes() throws Exception {
    assertThat(
            run(
                "asl",
                "validate",
                ROOT.resolve("statemachine/studio-user-lifecycle.asl.json").toString(),
                "--project-root",
                ROOT.toString()))
        .as(err())
        .isZero();
    Path served =
        write(
            "served.json",
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::aws-sdk:iam:getRole', 'Parameters': {'RoleName': 'r'}, "
                + "'End': true}}}");
    assertThat(run("asl", "validate", served.toString())).as(err()).isZero();
    Path unserved =
        write(
            "unserved.json",
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::aws-sdk:iam:listUsers', 'End': true}}}");
    assertThat(run("asl", "validate", unserved.toString())).isEqualTo(2);
    assertThat(err())
        .contains("State 'T', field 'Resource'")
        .contains("does not implement 'listUsers'");
  }
}
