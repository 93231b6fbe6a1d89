package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

class EmulatorCommandTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));
  private static final Path SCENARIOS = ROOT.resolve("events").resolve("scenarios");

  @TempDir Path dir;

  @Test
  void printsOneEndpointLineAndServesTheScenarioUntilStopped() throws Exception {
    EmulatorCommand command = new EmulatorCommand();
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "--port",
                    "0",
                    "--time-scale",
                    "60",
                    "--scenario",
                    SCENARIOS.resolve("offboarding-jane-doe.json").toString()));

    assertThat(command.listening.await(30, TimeUnit.SECONDS)).isTrue();
    String printed = out.toString();
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed)
        .matches("studio-lifecycle emulator listening on http://127\\.0\\.0\\.1:\\d+\\R");
    URI endpoint = URI.create(printed.strip().substring(EmulatorCommand.LISTENING.length()));
    try (SageMakerClient sageMaker =
        SageMakerClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(
              sageMaker
                  .describeUserProfile(
                      r -> r.domainId("d-studiolocal01").userProfileName("jane-doe"))
                  .statusAsString())
          .isEqualTo("InService");
    }

    command.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @ParameterizedTest
  @CsvSource({"'', PT10S", "onboard-adopt-drifted-role.json, PT0S"})
  void newRolesTakeTenSecondsToPropagateUnlessTheScenarioSaysOtherwise(
      String scenario, Duration expected) throws Exception {
    EmulatorCommand command = new EmulatorCommand();
    CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(new StringWriter()));
    List<String> args = new ArrayList<>(List.of("--port", "0", "--no-template"));
    if (!scenario.isEmpty()) {
      args.addAll(List.of("--scenario", SCENARIOS.resolve(scenario).toString()));
    }
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> commandLine.execute(args.toArray(String[]::new)));

    assertThat(command.listening.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(command.emulator().iam().propagationDelay()).isEqualTo(expected);
    assertThat(command.emulator().requestLog().limit()).isEqualTo(10_000);

    command.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void badOptionsExitWithTwoNamingTheOption() {
    assertThat(runWithErrors("emulator", "--time-scale", "0"))
        .contains("--time-scale must be a positive number");
    assertThat(runWithErrors("emulator", "--port", "70000"))
        .contains("--port must be between 0 and 65535");
    assertThat(runWithErrors("emulator", "--colour")).contains("Unknown option: '--colour'");
  }

  /** Runs the command line, expecting exit code 2; returns what it printed on stderr. */
  private static String runWithErrors(String... args) {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new StudioLifecycleCommand())
            .setErr(new PrintWriter(err, true))
            .execute(args);
    assertThat(code).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void aHostNotOfThisMachineExitsWithTwoAndNamesTheOption() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new EmulatorCommand())
            .setErr(new PrintWriter(err, true))
            .execute("--port", "0", "--host", "192.0.2.1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--host: host 192.0.2.1 is not an address of this machine");
  }

  @Test
  void aBadScenarioExitsWithTwoAndSaysWhy() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new EmulatorCommand())
            .setErr(new PrintWriter(err, true))
            .execute("--port", "0", "--scenario", "no-such-scenario.json");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("scenario file no-such-scenario.json does not exist");
  }

  @Test
  void deploysTheTemplateAndRunsExecutionsStartedOverTheApiWithTheHandlers() throws Exception {
    EmulatorCommand command = new EmulatorCommand();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    Path handlerLog = dir.resolve("handlers.log");
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "--port",
                    "0",
                    "--time-scale",
                    "1000",
                    "--project-root",
                    ROOT.toString(),
                    "--parameter",
                    "UsualAppDeletionSeconds=60",
                    "--scenario",
                    SCENARIOS.resolve("offboarding-jane-doe.json").toString(),
                    "--handler-logs",
                    handlerLog.toString()));
    assertThat(command.listening.await(60, TimeUnit.SECONDS)).as(err.toString()).isTrue();
    String lifecycle =
        "arn:aws:states:us-east-1:123456789012:stateMachine:studio-lifecycle-StudioUserLifecycle";
    assertThat(err.toString()).contains("deployed state machine " + lifecycle);
    URI endpoint = URI.create(out.toString().strip().substring(EmulatorCommand.LISTENING.length()));
    try (SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String executionArn =
          sfn.startExecution(
                  r ->
                      r.stateMachineArn(lifecycle)
                          .name("offboard-ghost")
                          .input(
                              "{\"action\": \"OFFBOARD\", \"domainId\": "
                                  + "\"d-studiolocal01\", \"userProfileName\": \"ghost-user\"}"))
              .executionArn();

      // A background thread runs the execution in scaled real time; this waits for its end.
      command
          .stepFunctions()
          .engine()
          .execution(executionArn)
          .orElseThrow()
          .completion()
          .get(60, TimeUnit.SECONDS);

      assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).statusAsString())
          .isEqualTo("SUCCEEDED");
      assertThat(sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events())
          .extracting(
              e ->
                  e.stateEnteredEventDetails() == null ? null : e.stateEnteredEventDetails().name())
          .contains("Validate", "NotifyAlreadyOffboarded");
    }
    assertThat(out.toString().lines()).hasSize(1);
    // The handlers' EMF metrics, with the namespace of the function's template environment.
    assertThat(Files.readString(handlerLog)).contains("\"Namespace\":\"StudioLifecycle\"");

    command.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void templateProblemsExitWithTwo() throws Exception {
    assertThat(
            runWithErrors(
                "emulator", "--port", "0", "--no-template", "--parameter", "DomainId=d-1"))
        .contains("--parameter needs a template");
    assertThat(runWithErrors("emulator", "--port", "0", "--project-root", "missing"))
        .contains("--project-root: missing has no template.yaml");
    Path broken = dir.resolve("template.yaml");
    Files.writeString(
        broken,
        String.join(
            "\n",
            "Transform: AWS::Serverless-2016-10-31",
            "Resources:",
            "  Broken:",
            "    Type: AWS::Serverless::StateMachine",
            "    Properties:",
            "      Definition: {StartAt: Nowhere, States: {Done: {Type: Succeed}}}",
            ""));
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new EmulatorCommand())
            .setErr(new PrintWriter(err, true))
            .execute("--port", "0", "--project-root", broken.getParent().toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Resources.Broken: CreateStateMachine answered " + "InvalidDefinition");
  }

  @Test
  void isASubcommandOfStudioLifecycle() {
    assertThat(new CommandLine(new StudioLifecycleCommand()).getSubcommands())
        .containsKey("emulator");
  }
}
