package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.mock.MockConfig;
import dev.studiolifecycle.local.asl.mock.MockConfigException;
import dev.studiolifecycle.local.asl.mock.TestCase;
import dev.studiolifecycle.local.asl.task.ServiceIntegrations;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.report.TimelineRenderer;
import dev.studiolifecycle.local.runtime.LocalStepFunctions;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio-lifecycle asl}: runs or checks an Amazon States Language file with the local
 * interpreter, in virtual time. {@code run} writes only the execution's output (or {@code {"error",
 * "cause"}}) to stdout and the history as a timeline to stderr.
 */
@Command(
    name = "asl",
    mixinStandardHelpOptions = true,
    description = "Run or check Amazon States Language files locally, in virtual time.",
    subcommands = {AslCommand.Run.class, AslCommand.Validate.class})
public final class AslCommand implements Runnable {

  /** The execution succeeded / was valid. */
  static final int OK = 0;

  /** The execution failed, timed out or was aborted. */
  static final int EXECUTION_FAILED = 1;

  /** Bad definition, input or usage. */
  static final int BAD_INPUT = 2;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: run or validate");
  }

  /** {@code asl run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run a state machine definition to its end in virtual time, against an in-process "
            + "emulator of the AWS APIs (or with a --mock-config test case).",
        "stdout: the execution output, or {\"error\": ..., \"cause\": ...} when it fails.",
        "stderr: the history as a timeline. Exit 0 succeeded, 1 failed or timed out, "
            + "2 bad definition, input or usage."
      })
  static final class Run implements Callable<Integer> {

    @Parameters(
        index = "0",
        paramLabel = "<definition.json>",
        description = "The ASL file, e.g. statemachine/studio-user-lifecycle.asl.json")
    Path definitionFile;

    @Option(
        names = "--input",
        paramLabel = "<file|json>",
        defaultValue = "{}",
        description = "The execution input: a JSON file or inline JSON (default: {})")
    String input;

    @Option(
        names = "--mock-config",
        paramLabel = "<file>",
        description = "A Step Functions Local mock configuration (MockConfigFile.json format)")
    Path mockConfig;

    @Option(
        names = "--test-case",
        paramLabel = "<name>",
        description = "The test case of the mock configuration to run")
    String testCase;

    @Option(
        names = "--state-machine-name",
        paramLabel = "<name>",
        description =
            "The state machine's name in the mock configuration (default: the "
                + "definition file name without .asl.json or .json)")
    String stateMachineName;

    @Option(
        names = "--template",
        paramLabel = "<template.yaml>",
        description =
            "The SAM template that resolves Lambda functions and the definition's "
                + "$${...} placeholders (default: template.yaml in the current directory, if any)")
    Path template;

    @Option(
        names = "--parameter",
        paramLabel = "<key=value>",
        description = "A value for one of the template's Parameters (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
        names = "--execution-name",
        paramLabel = "<name>",
        defaultValue = "local-run",
        description = "The execution's name (default: local-run)")
    String executionName;

    @Option(
        names = "--handler-log",
        paramLabel = "<file>",
        description = "Where Lambda handlers' logs and metrics go (default: stderr)")
    Path handlerLog;

    @Option(
        names = "--scenario",
        paramLabel = "<file>",
        description =
            "A scenario file seeding the in-process emulator that runs without "
                + "--mock-config use (see README)")
    Path scenarioFile;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      // Before anything logs: a logger that captures System.out first would bypass the router.
      StandardOutputRouter.install();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if ((mockConfig == null) != (testCase == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--mock-config and --test-case go together");
      }
      PrintStream handlerOutput;
      try {
        handlerOutput =
            handlerLog == null
                ? System.err
                : new PrintStream(
                    new FileOutputStream(handlerLog.toFile(), true), true, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("--handler-log: cannot write " + handlerLog + ": " + e.getMessage());
        return BAD_INPUT;
      }
      try {
        return execute(out, err, handlerOutput);
      } catch (BadInput e) {
        err.println(e.getMessage());
        return BAD_INPUT;
      } finally {
        if (handlerOutput != System.err) {
          handlerOutput.close();
        }
        err.flush();
      }
    }

    private int execute(PrintWriter out, PrintWriter err, PrintStream handlerOutput) {
      if (mockConfig != null && scenarioFile != null) {
        throw new BadInput(
            "--scenario seeds the in-process emulator, which runs with a "
                + "--mock-config do not use");
      }
      Scenario scenario = scenarioFile == null ? null : loadScenario(scenarioFile);
      Optional<Path> templatePath = templatePath(template);
      Map<String, String> values = parameters;
      if (templatePath.isPresent()) {
        try {
          values = LocalStepFunctions.parameters(templatePath.get(), parameters, scenario);
        } catch (TemplateException e) {
          throw new BadInput("Template " + templatePath.get() + ": " + e.getMessage());
        }
      }
      Map<String, String> templateValues = values;
      Optional<SamTemplate> loaded = templatePath.map(file -> loadTemplate(file, templateValues));
      Loaded definition = loadDefinition(definitionFile, loaded);
      JsonNode executionInput = parseInput(input);
      String mockName = stateMachineName != null ? stateMachineName : stem(definitionFile);
      String machineName = definition.resource().map(StateMachineResource::name).orElse(mockName);
      StateMachine machine;
      try {
        machine = StateMachine.of(machineName, definition.definition());
      } catch (IllegalArgumentException e) {
        throw new BadInput(e.getMessage() + " (use --state-machine-name)");
      }
      if (definition.resource().isPresent()) {
        machine = machine.withRoleArn(definition.resource().get().roleArn());
      }
      Execution execution;
      if (mockConfig != null) {
        execution =
            runWithMocks(definition, machine, mockName, executionInput, loaded, handlerOutput);
      } else {
        checkFunctions(
            definition.definition(),
            Optional.empty(),
            loaded,
            LambdaRuntime.builder(loaded.map(t -> t.functions().values()).orElse(List.of()))
                .build());
        execution = runOnEmulator(machine, executionInput, loaded, scenario, handlerOutput);
      }
      err.print(TimelineRenderer.render(execution.history()));
      err.flush();
      if (execution.status() == ExecutionStatus.SUCCEEDED) {
        out.println(json(execution.output().orElseThrow()));
        out.flush();
        return OK;
      }
      ObjectNode failure = LocalJson.MAPPER.createObjectNode();
      failure.put("error", execution.error().orElse(null));
      failure.put("cause", execution.cause().orElse(null));
      out.println(json(failure));
      out.flush();
      return EXECUTION_FAILED;
    }

    /**
     * A Step Functions Local mock configuration's test case: mocked states answer from it, the
     * others call the template's functions and the SNS endpoint of the standard configuration.
     */
    private Execution runWithMocks(
        Loaded definition,
        StateMachine machine,
        String mockName,
        JsonNode executionInput,
        Optional<SamTemplate> loaded,
        PrintStream handlerOutput) {
      VirtualClock clock = new VirtualClock();
      LambdaRuntime lambda =
          LambdaRuntime.builder(loaded.map(t -> t.functions().values()).orElse(List.of()))
              .handlerOutput(handlerOutput)
              .clock(clock)
              .build();
      TaskInvoker invoker =
          ServiceIntegrations.builder().lambda(lambda).snsFromStandardConfiguration().build();
      TestCase chosen;
      try {
        chosen = MockConfig.load(mockConfig).testCase(mockName, testCase);
      } catch (MockConfigException e) {
        throw new BadInput(e.getMessage());
      }
      List<String> problems = chosen.check(definition.definition());
      if (!problems.isEmpty()) {
        throw new BadInput(String.join("\n", problems));
      }
      checkFunctions(definition.definition(), Optional.of(chosen), loaded, lambda);
      ExecutionEngine engine = ExecutionEngine.builder(clock).build();
      return run(engine, machine, executionInput, chosen.invoker(invoker), handlerOutput);
    }

    /**
     * Without mocks: an in-process emulator (seeded by the scenario) with the template deployed in
     * it, handlers in-process calling it over the AWS SDK, all in virtual time.
     */
    private Execution runOnEmulator(
        StateMachine machine,
        JsonNode executionInput,
        Optional<SamTemplate> loaded,
        Scenario scenario,
        PrintStream handlerOutput) {
      AwsEmulator.Builder emulatorBuilder = AwsEmulator.builder().clock(new VirtualClock());
      if (scenario != null) {
        ScenarioLoader.configure(scenario, emulatorBuilder);
      }
      try (AwsEmulator emulator = emulatorBuilder.build().start();
          LocalAwsEnvironment environment = LocalAwsEnvironment.pointAt(emulator)) {
        LocalStepFunctions.Builder builder =
            LocalStepFunctions.builder(emulator).handlerOutput(handlerOutput);
        if (scenario != null) {
          ScenarioLoader.apply(scenario, emulator);
          if (scenario.randomSeed() != null) {
            builder.randomSeed(scenario.randomSeed());
          }
        }
        loaded.ifPresent(builder::template);
        try (LocalStepFunctions stepFunctions = builder.build()) {
          ExecutionEngine engine = stepFunctions.engine();
          return run(engine, machine, executionInput, stepFunctions.integrations(), handlerOutput);
        }
      } catch (ScenarioException e) {
        throw new BadInput("--scenario: " + scenarioFile + ": " + e.getMessage());
      } catch (TemplateException e) {
        throw new BadInput(
            "Template " + loaded.map(SamTemplate::file).orElse(null) + ": " + e.getMessage());
      }
    }

    private Execution run(
        ExecutionEngine engine,
        StateMachine machine,
        JsonNode executionInput,
        TaskInvoker invoker,
        PrintStream handlerOutput) {
      try {
        // Everything printed while the execution runs (handlers, SDK, loggers) stays off stdout.
        return StandardOutputRouter.divertedTo(
            handlerOutput,
            () ->
                engine.awaitCompletion(
                    engine.start(machine, executionName, executionInput, invoker)));
      } catch (DefinitionException e) {
        throw new BadInput(describe(definitionFile, e));
      } catch (IllegalArgumentException e) {
        throw new BadInput(e.getMessage());
      }
    }

    private static Scenario loadScenario(Path file) {
      try {
        return ScenarioLoader.load(file);
      } catch (ScenarioException e) {
        throw new BadInput("--scenario: " + file + ": " + e.getMessage());
      }
    }

    /** Lambda tasks that name their function literally must find it in the template. */
    private static void checkFunctions(
        StateMachineDefinition definition,
        Optional<TestCase> mocks,
        Optional<SamTemplate> template,
        LambdaRuntime lambda) {
      List<String> problems = new ArrayList<>();
      for (State state : definition.allStates()) {
        if (!(state instanceof TaskState task)
            || mocks.flatMap(m -> m.mockFor(task.name())).isPresent()) {
          continue;
        }
        String function = null;
        String field = "Resource";
        if (task.resource() instanceof TaskResource.LambdaFunction) {
          function = task.resource().arn();
        } else if (task.resource() instanceof TaskResource.LambdaInvoke
            && task.parameters().path("FunctionName").isTextual()) {
          function = task.parameters().get("FunctionName").asText();
          field = "Parameters.FunctionName";
        }
        if (function == null) {
          continue;
        }
        if (template.isEmpty()) {
          problems.add(
              "State '"
                  + task.name()
                  + "', field '"
                  + field
                  + "': calls Lambda "
                  + "function "
                  + function
                  + ", and there is no template to find it in (give "
                  + "--template, or run where template.yaml is)");
        } else if (lambda.function(function).isEmpty()) {
          problems.add(
              "State '"
                  + task.name()
                  + "', field '"
                  + field
                  + "': no function "
                  + function
                  + " in "
                  + template.get().file()
                  + " (it has: "
                  + String.join(
                      ", ",
                      template.get().functions().values().stream()
                          .map(f -> f.functionName())
                          .toList())
                  + ")");
        }
      }
      if (!problems.isEmpty()) {
        throw new BadInput(String.join("\n", problems));
      }
    }

    private static JsonNode parseInput(String value) {
      String text = value;
      Path file = asExistingFile(value);
      if (file != null) {
        text = read(file, "--input");
      }
      try {
        JsonNode parsed = LocalJson.MAPPER.readTree(text);
        if (parsed == null || !parsed.isObject()) {
          throw new BadInput("--input: the execution input must be a JSON object");
        }
        return parsed;
      } catch (JsonProcessingException e) {
        throw new BadInput(
            "--input: "
                + (file != null
                    ? file + " is not valid JSON: "
                    : "'" + value + "' is neither a readable file nor valid JSON: ")
                + e.getOriginalMessage());
      }
    }

    private static Path asExistingFile(String value) {
      try {
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? path : null;
      } catch (InvalidPathException e) {
        return null;
      }
    }
  }

  /** {@code asl validate}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check a state machine definition without running it.",
        "Exit 0 when it is valid, 2 with every problem listed when it is not."
      })
  static final class Validate implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<definition.json>", description = "The ASL file")
    Path definitionFile;

    @Option(
        names = "--template",
        paramLabel = "<template.yaml>",
        description =
            "The SAM template whose DefinitionSubstitutions fill the definition's "
                + "$${...} placeholders (default: template.yaml in the current directory, if any)")
    Path template;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        // Parameter values only fill placeholders here; a required DomainId gets the local one.
        Optional<SamTemplate> loaded =
            templatePath(template)
                .map(
                    file -> {
                      try {
                        return loadTemplate(
                            file, LocalStepFunctions.parameters(file, Map.of(), null));
                      } catch (TemplateException e) {
                        throw new BadInput("Template " + file + ": " + e.getMessage());
                      }
                    });
        Loaded definition = loadDefinition(definitionFile, loaded);
        // What `asl run` can call: Lambda tasks, sns:publish and the aws-sdk tasks the emulator
        // serves (whose operations an emulator that is never called tells).
        try (AwsEmulator emulator = AwsEmulator.builder().build().start();
            LocalStepFunctions stepFunctions = LocalStepFunctions.builder(emulator).build()) {
          stepFunctions.engine().checkRunnable(definition.definition());
        } catch (DefinitionException e) {
          throw new BadInput(describe(definitionFile, e));
        }
        out.println(
            definitionFile + ": valid (" + definition.definition().allStates().size() + " states)");
        out.flush();
        return OK;
      } catch (BadInput e) {
        err.println(e.getMessage());
        err.flush();
        return BAD_INPUT;
      }
    }
  }

  /** A definition, checked, with the template's state machine that uses it, if any. */
  private record Loaded(
      StateMachineDefinition definition, Optional<StateMachineResource> resource) {}

  /** The template to use: the given file, else template.yaml of the current directory. */
  private static Optional<Path> templatePath(Path given) {
    if (given == null) {
      Path fallback = Path.of("template.yaml");
      return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }
    if (!Files.isRegularFile(given)) {
      throw new BadInput("--template: " + given + " does not exist");
    }
    return Optional.of(given);
  }

  private static SamTemplate loadTemplate(Path file, Map<String, String> values) {
    try {
      return SamTemplate.load(file, values);
    } catch (TemplateException e) {
      throw new BadInput("Template " + file + ": " + e.getMessage());
    }
  }

  private static Loaded loadDefinition(Path file, Optional<SamTemplate> template) {
    String text = read(file, "definition");
    Optional<StateMachineResource> resource = template.flatMap(t -> t.stateMachineFor(file));
    if (resource.isPresent()) {
      try {
        text = resource.get().substitute(text);
      } catch (TemplateException e) {
        throw new BadInput(file + ": " + e.getMessage());
      }
    } else {
      Set<String> placeholders = new TreeSet<>();
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        placeholders.add(matcher.group(1));
      }
      if (!placeholders.isEmpty()) {
        throw new BadInput(
            file
                + ": the definition has ${...} placeholders ("
                + String.join(", ", placeholders)
                + ") and no template state machine uses it as "
                + "its DefinitionUri to substitute them (give --template)");
      }
    }
    try {
      return new Loaded(StateMachineDefinition.parse(text), resource);
    } catch (DefinitionException e) {
      throw new BadInput(describe(file, e));
    }
  }

  private static String describe(Path file, DefinitionException e) {
    List<String> problems = e.problems();
    if (problems.size() == 1) {
      return file + ": invalid definition: " + problems.get(0);
    }
    return file
        + ": invalid definition, "
        + problems.size()
        + " problems:\n  - "
        + String.join("\n  - ", problems);
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BadInput("Cannot read the " + what + " " + file + ": " + e.getMessage());
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    for (String suffix : List.of(".asl.json", ".json")) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }

  /** Bad definition, input or usage: the message is printed and the command exits with 2. */
  private static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }
}
