package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.time.ScaledClock;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code studio-lifecycle emulator}: serves the AWS emulator on 127.0.0.1 until stopped, in real
 * time scaled by {@code --time-scale}, and prints one line with its endpoint.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the emulated AWS APIs (SageMaker, IAM, SNS, STS, Step Functions) on 127.0.0.1 "
          + "until stopped (Ctrl-C).",
      "Prints one line, 'studio-lifecycle emulator listening on <endpoint>'. Point the AWS CLI "
          + "or an SDK at that endpoint with any credentials."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped", "1:the port could not be bound", "2:bad options or scenario file"})
public final class EmulatorCommand implements Callable<Integer> {

  /** The text before the endpoint on the one line this command prints. */
  public static final String LISTENING = "studio-lifecycle emulator listening on ";

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "4566",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--time-scale",
      defaultValue = "1",
      description =
          "Simulated seconds per real second (default: ${DEFAULT-VALUE}; 60 turns the 2 minutes "
              + "an app takes to delete into 2 s).")
  double timeScale;

  @Option(
      names = "--scenario",
      paramLabel = "<file>",
      description = "JSON scenario to seed resources and inject faults (see README).")
  Path scenarioFile;

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Counted down once the endpoint line is printed (tests wait on it). */
  final CountDownLatch listening = new CountDownLatch(1);

  private volatile AwsEmulator running;
  private volatile Thread shutdownHook;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--time-scale must be a positive number, got " + timeScale);
    }
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = null;
    AwsEmulator.Builder builder =
        AwsEmulator.builder()
            .port(port)
            .clock(new ScaledClock(Instant.now().truncatedTo(ChronoUnit.MILLIS), timeScale));
    AwsEmulator emulator;
    try {
      if (scenarioFile != null) {
        scenario = ScenarioLoader.load(scenarioFile);
        ScenarioLoader.configure(scenario, builder);
      }
      emulator = builder.build();
      if (scenario != null) {
        ScenarioLoader.apply(scenario, emulator);
      }
    } catch (ScenarioException e) {
      err.println("studio-lifecycle emulator: " + scenarioFile + ": " + e.getMessage());
      err.flush();
      return 2;
    }
    try {
      emulator.start();
    } catch (UncheckedIOException e) {
      err.println("studio-lifecycle emulator: " + e.getMessage() + ": " + e.getCause());
      err.flush();
      return 1;
    }
    running = emulator;
    shutdownHook = new Thread(this::stopServing, "emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    PrintWriter out = spec.commandLine().getOut();
    out.println(LISTENING + emulator.endpoint());
    out.flush();
    listening.countDown();
    stopped.await();
    return 0;
  }

  /** Stops serving and lets {@link #call} return, as Ctrl-C does. */
  void stop() {
    Thread hook = shutdownHook;
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or will run; stopping twice is harmless.
      }
    }
    stopServing();
  }

  private void stopServing() {
    AwsEmulator emulator = running;
    if (emulator != null) {
      emulator.close();
    }
    stopped.countDown();
  }
}
