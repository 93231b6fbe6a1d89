package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class EmulatorCommandTest {

  private static final Path SCENARIOS =
      Path.of(System.getProperty("studiolifecycle.projectRoot", ".."), "events", "scenarios");

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
  void isASubcommandOfStudioLifecycle() {
    assertThat(new CommandLine(new StudioLifecycleCommand()).getSubcommands())
        .containsKey("emulator");
  }
}
