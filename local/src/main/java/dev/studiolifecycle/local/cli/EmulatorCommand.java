package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalStepFunctions;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.ScaledClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code studio-lifecycle emulator}: serves the AWS emulator on 127.0.0.1 until stopped, in real
 * time scaled by {@code --time-scale}, and prints one line with its endpoint. With a template
 * (template.yaml of the current directory, or {@code --template}) it first deploys the template's
 * topics, managed policies and state machines, whose executions run the handlers in-process.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serve the emulated AWS APIs (SageMaker, IAM, Identity Center, SNS, SSM, S3, DynamoDB, STS,"
          + " Step Functions) on 127.0.0.1 (or --host) until stopped (Ctrl-C).",
      "With template.yaml in the project root (the current directory, or --project-root), its "
          + "state machines, topics "
          + "and managed policies are deployed first; Lambda tasks run its handlers in-process.",
      "Prints one line, 'studio-lifecycle emulator listening on <endpoint>'. Point the AWS CLI "
          + "or an SDK at that endpoint with any credentials and any Region of the aws partition:"
          + " each Region has its own SageMaker, SNS, SSM, DynamoDB and Identity Center; IAM, STS"
          + " and S3's bucket names are global; the scenario, the template and Step Functions are"
          + " in us-east-1.",
      "As on AWS, SageMaker cannot assume a role created through the API for the first 10 "
          + "simulated seconds (IAM propagation); a scenario's iam.propagationDelay changes it."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "130:stopped with Ctrl-C (SIGINT), after closing what it serves",
      "143:stopped with SIGTERM (a container's stop), likewise",
      "1:the port could not be bound",
      "2:bad options, scenario file or template"
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle emulator --port 4566 --time-scale 60",
      "  studio-lifecycle emulator --scenario events/scenarios/demo.json --no-template"
    })
public final class EmulatorCommand implements Callable<Integer> {

  /** The text before the endpoint on the one line this command prints. */
  public static final String LISTENING = "studio-lifecycle emulator listening on ";

  /**
   * How long SageMaker cannot assume a role created through the API, unless a scenario says
   * otherwise (iam.propagationDelay). IAM's user guide: changes are eventually consistent and
   * usually take effect within seconds; the workflow must wait that out, so the standalone emulator
   * does not hide it.
   */
  public static final Duration DEFAULT_PROPAGATION_DELAY = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "4566",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "<address>",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 lets containers such as sam"
              + " local's reach it. GET /_studio-lifecycle/health answers 200 once it serves.")
  String host;

  @Option(
      names = "--time-scale",
      defaultValue = "1",
      description =
          "Simulated seconds per real second (default: ${DEFAULT-VALUE}; 60 turns the 2 minutes "
              + "an app takes to delete into 2 s).")
  double timeScale;

  @Option(
      names = "--no-template",
      description = "Deploy nothing, even when the project root has a template.yaml.")
  boolean noTemplate;

  @Mixin ScenarioOptions scenarios;

  @Option(
      names = "--request-log-limit",
      paramLabel = "<calls>",
      defaultValue = "10000",
      description =
          "How many of the latest calls the emulator keeps in its request log (default: "
              + "${DEFAULT-VALUE}); older ones are dropped and counted.")
  int requestLogLimit;

  @Mixin ProjectOptions project;

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Counted down once the endpoint line is printed (tests wait on it). */
  final CountDownLatch listening = new CountDownLatch(1);

  private volatile AwsEmulator running;
  private volatile LocalStepFunctions stepFunctions;
  private volatile LocalAwsEnvironment environment;
  private volatile PrintStream handlerOutput;
  private volatile Thread shutdownHook;

  @Override
  public Integer call() throws InterruptedException {
    Path template = checkOptions();
    // Before anything logs: handlers' log lines must never reach standard output, which carries
    // the endpoint line only; a logger that captures System.out first would bypass the router.
    StandardOutputRouter.install();
    PrintWriter err = spec.commandLine().getErr();
    AwsEmulator.Builder builder;
    try {
      builder = AwsEmulator.builder().host(host);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--host: " + e.getMessage());
    }
    builder
        .port(port)
        .requestLogLimit(requestLogLimit)
        .clock(new ScaledClock(Instant.now().truncatedTo(ChronoUnit.MILLIS), timeScale));
    Scenario scenario = null;
    AwsEmulator emulator;
    try {
      if (scenarios.scenarioFile != null) {
        scenario = ScenarioLoader.load(scenarios.scenarioFile);
        ScenarioLoader.configure(scenario, builder);
      }
      emulator = builder.build();
      emulator.iam().setPropagationDelay(DEFAULT_PROPAGATION_DELAY);
      if (scenario != null) {
        ScenarioLoader.apply(scenario, emulator);
      }
    } catch (ScenarioException e) {
      return fail(err, scenarios.scenarioFile + ": " + e.getMessage(), 2);
    }
    try {
      emulator.start();
    } catch (UncheckedIOException e) {
      return fail(err, e.getMessage() + ": " + e.getCause(), 1);
    }
    running = emulator;
    int deployed = deployOrFail(emulator, template, scenario, err);
    if (deployed != 0) {
      return deployed;
    }
    shutdownHook = new Thread(this::stopServing, "emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    PrintWriter out = spec.commandLine().getOut();
    out.println(LISTENING + emulator.endpoint());
    out.flush();
    listening.countDown();
    stopped.await();
    return 0;
  }

  /** The options' own rules; the template to deploy, or null. */
  private Path checkOptions() {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--time-scale must be a positive number, got " + timeScale);
    }
    if (requestLogLimit < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--request-log-limit must be at least 1, got " + requestLogLimit);
    }
    Path template = template();
    if (template == null && !scenarios.parameters.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--parameter needs a template (template.yaml in the project root)");
    }
    return template;
  }

  /** Deploys; 0, or the exit code after saying why it could not (and stopping to serve). */
  private int deployOrFail(
      AwsEmulator emulator, Path template, Scenario scenario, PrintWriter err) {
    try {
      deploy(emulator, template, scenario, err);
      return 0;
    } catch (TemplateException e) {
      stopServing();
      return fail(err, template + ": " + e.getMessage(), 2);
    } catch (IOException e) {
      stopServing();
      return fail(
          err, "--handler-logs: cannot write " + project.handlerLogs + ": " + e.getMessage(), 2);
    }
  }

  private static int fail(PrintWriter err, String message, int exitCode) {
    err.println("studio-lifecycle emulator: " + message);
    err.flush();
    return exitCode;
  }

  /** The running emulator; null before it serves. */
  AwsEmulator emulator() {
    return running;
  }

  /** Step Functions of the running emulator (tests wait on its executions); null before. */
  LocalStepFunctions stepFunctions() {
    return stepFunctions;
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

  /** The template to deploy, or null. */
  private Path template() {
    if (noTemplate) {
      if (project.root.projectRoot != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--project-root and --no-template exclude each other");
      }
      return null;
    }
    try {
      return project.templateIfAny();
    } catch (BadInput e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Step Functions on the emulator, and the template's resources when there is one. Executions
   * started over the API run on a background thread that waits for scaled real time; StartExecution
   * only queues them, so no request thread ever waits for an execution (whose handlers call back
   * into this emulator over HTTP).
   */
  private void deploy(AwsEmulator emulator, Path template, Scenario scenario, PrintWriter err)
      throws IOException {
    LocalStepFunctions.Builder builder =
        LocalStepFunctions.builder(emulator).iamEnforced(project.iam.enforced());
    if (scenario != null && scenario.randomSeed() != null) {
      builder.randomSeed(scenario.randomSeed());
    }
    if (template != null) {
      handlerOutput =
          project.handlerLogs == null
              ? System.err
              : new PrintStream(
                  new FileOutputStream(project.handlerLogs.toFile(), true),
                  true,
                  StandardCharsets.UTF_8);
      // The handlers build their SDK clients from the standard configuration: this emulator.
      environment = LocalAwsEnvironment.pointAt(emulator);
      SamTemplate loaded =
          SamTemplate.load(
              template,
              LocalStepFunctions.parameters(template, scenarios.parameters, scenario),
              scenarios.stackName);
      builder.template(loaded).handlerOutput(handlerOutput);
    }
    stepFunctions = builder.build();
    stepFunctions.engine().startBackground();
    for (StateMachine machine : stepFunctions.stateMachines().values()) {
      err.println(
          "studio-lifecycle emulator: deployed state machine "
              + machine.arn()
              + " from "
              + template);
    }
    err.flush();
  }

  private void stopServing() {
    LocalStepFunctions deployed = stepFunctions;
    if (deployed != null) {
      deployed.close();
    }
    LocalAwsEnvironment pointed = environment;
    if (pointed != null) {
      pointed.close();
    }
    AwsEmulator emulator = running;
    if (emulator != null) {
      emulator.close();
    }
    PrintStream log = handlerOutput;
    if (log != null && log != System.err) {
      log.close();
    }
    stopped.countDown();
  }
}
