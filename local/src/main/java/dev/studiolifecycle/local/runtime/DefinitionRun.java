package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
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
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One state machine definition file run to its end in virtual time ({@code asl run}), or only
 * checked ({@code asl validate}): the template, when there is one, fills the definition's {@code
 * ${...}} placeholders and provides its Lambda functions. Without mocks, the execution runs against
 * an in-process emulator (seeded by a scenario) with the template deployed in it; with a Step
 * Functions Local mock configuration, mocked states answer from its test case.
 */
public final class DefinitionRun {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  /** A mock configuration's test case, and the state machine's name in it (null: the file's). */
  public record Mocks(Path config, String testCase, String stateMachineName) {}

  private final Path definitionFile;
  private final JsonNode input;
  private final Path template;
  private final Map<String, String> parameters;
  private final String executionName;
  private final Path scenarioFile;
  private final Mocks mocks;
  private final String stackName;
  private final PrintStream handlerOutput;
  private final boolean iamEnforced;

  private DefinitionRun(Builder builder) {
    this.definitionFile = builder.definitionFile;
    this.input = builder.input;
    this.template = builder.template;
    this.parameters = Map.copyOf(builder.parameters);
    this.executionName = builder.executionName;
    this.scenarioFile = builder.scenarioFile;
    this.mocks = builder.mocks;
    this.stackName = builder.stackName;
    this.handlerOutput = builder.handlerOutput;
    this.iamEnforced = builder.iamEnforced;
  }

  public static Builder builder(Path definitionFile, JsonNode input) {
    return new Builder(definitionFile, input);
  }

  /**
   * Runs the definition to its end.
   *
   * @throws BadInput for a definition, template, scenario or mock configuration it cannot run
   */
  public Execution run() {
    if (mocks != null && scenarioFile != null) {
      throw new BadInput(
          "--scenario seeds the in-process emulator, which runs with a "
              + "--mock-config do not use");
    }
    Scenario scenario = scenarioFile == null ? null : loadScenario(scenarioFile);
    Map<String, String> values = parameters;
    if (template != null) {
      try {
        values = LocalStepFunctions.parameters(template, parameters, scenario);
      } catch (TemplateException e) {
        throw new BadInput("Template " + template + ": " + e.getMessage());
      }
    }
    Map<String, String> templateValues = values;
    Optional<SamTemplate> loaded =
        Optional.ofNullable(template).map(file -> loadTemplate(file, templateValues, stackName));
    Loaded definition = loadDefinition(definitionFile, loaded);
    String mockName =
        mocks != null && mocks.stateMachineName() != null
            ? mocks.stateMachineName()
            : stem(definitionFile);
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
    if (mocks != null) {
      return runWithMocks(definition, machine, mockName, input, loaded);
    }
    checkFunctions(
        definition.definition(),
        Optional.empty(),
        loaded,
        LambdaRuntime.builder(loaded.map(t -> t.functions().values()).orElse(List.of())).build());
    return runOnEmulator(machine, input, loaded, scenario);
  }

  /** The template, its parameter values only filling placeholders (DomainId the local one). */
  private static Optional<SamTemplate> templateForPlaceholders(Path template) {
    if (template == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          loadTemplate(
              template,
              LocalStepFunctions.parameters(template, Map.of(), null),
              LocalWorkflowRuntime.DEFAULT_STACK_NAME));
    } catch (TemplateException e) {
      throw new BadInput("Template " + template + ": " + e.getMessage());
    }
  }

  /**
   * Reads and checks a definition, its placeholders filled from the template's state machine that
   * uses it, without asking whether a local run can call its tasks.
   *
   * @throws BadInput listing the problems
   */
  public static StateMachineDefinition read(Path definitionFile, Path template) {
    Optional<SamTemplate> loaded = templateForPlaceholders(template);
    return loadDefinition(definitionFile, loaded).definition();
  }

  /**
   * Checks a definition without running it: every problem, and every Task resource a local run
   * cannot call ({@code asl validate}).
   *
   * @return the definition, checked
   * @throws BadInput listing the problems
   */
  public static StateMachineDefinition validate(Path definitionFile, Path template) {
    Optional<SamTemplate> loaded = templateForPlaceholders(template);
    Loaded definition = loadDefinition(definitionFile, loaded);
    // What `asl run` can call: Lambda tasks, sns:publish and the aws-sdk tasks the emulator
    // serves (whose operations an emulator that is never called tells).
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        LocalStepFunctions stepFunctions = LocalStepFunctions.builder(emulator).build()) {
      stepFunctions.engine().checkRunnable(definition.definition());
    } catch (DefinitionException e) {
      throw new BadInput(describe(definitionFile, e));
    }
    return definition.definition();
  }

  /**
   * A Step Functions Local mock configuration's test case: mocked states answer from it, the others
   * call the template's functions and the SNS endpoint of the standard configuration.
   */
  private Execution runWithMocks(
      Loaded definition,
      StateMachine machine,
      String mockName,
      JsonNode executionInput,
      Optional<SamTemplate> loaded) {
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
      chosen = MockConfig.load(mocks.config()).testCase(mockName, mocks.testCase());
    } catch (MockConfigException e) {
      throw new BadInput(e.getMessage());
    }
    List<String> problems = chosen.check(definition.definition());
    if (!problems.isEmpty()) {
      throw new BadInput(String.join("\n", problems));
    }
    checkFunctions(definition.definition(), Optional.of(chosen), loaded, lambda);
    ExecutionEngine engine = ExecutionEngine.builder(clock).build();
    return run(engine, machine, executionInput, chosen.invoker(invoker));
  }

  /**
   * Without mocks: an in-process emulator (seeded by the scenario) with the template deployed in
   * it, handlers in-process calling it over the AWS SDK, all in virtual time.
   */
  private Execution runOnEmulator(
      StateMachine machine,
      JsonNode executionInput,
      Optional<SamTemplate> loaded,
      Scenario scenario) {
    AwsEmulator.Builder emulatorBuilder = AwsEmulator.builder().clock(new VirtualClock());
    if (scenario != null) {
      ScenarioLoader.configure(scenario, emulatorBuilder);
    }
    try (AwsEmulator emulator = emulatorBuilder.build().start();
        LocalAwsEnvironment environment = LocalAwsEnvironment.pointAt(emulator)) {
      LocalStepFunctions.Builder builder =
          LocalStepFunctions.builder(emulator)
              .handlerOutput(handlerOutput)
              .iamEnforced(iamEnforced);
      if (scenario != null) {
        ScenarioLoader.apply(scenario, emulator);
        if (scenario.randomSeed() != null) {
          builder.randomSeed(scenario.randomSeed());
        }
      }
      loaded.ifPresent(builder::template);
      try (LocalStepFunctions stepFunctions = builder.build()) {
        ExecutionEngine engine = stepFunctions.engine();
        return run(engine, machine, executionInput, stepFunctions.integrations());
      }
    } catch (ScenarioException e) {
      throw new BadInput("--scenario: " + scenarioFile + ": " + e.getMessage());
    } catch (TemplateException e) {
      throw new BadInput(
          "Template " + loaded.map(SamTemplate::file).orElse(null) + ": " + e.getMessage());
    }
  }

  private Execution run(
      ExecutionEngine engine, StateMachine machine, JsonNode executionInput, TaskInvoker invoker) {
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
            DefinitionException.at(
                task.name(),
                field,
                "calls Lambda "
                    + "function "
                    + function
                    + ", and there is no template to find it in (give "
                    + "--template, or run where template.yaml is)"));
      } else if (lambda.function(function).isEmpty()) {
        problems.add(
            DefinitionException.at(
                task.name(),
                field,
                "no function "
                    + function
                    + " in "
                    + template.get().file()
                    + " (it has: "
                    + String.join(
                        ", ",
                        template.get().functions().values().stream()
                            .map(f -> f.functionName())
                            .toList())
                    + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInput(String.join("\n", problems));
    }
  }

  /** A definition, checked, with the template's state machine that uses it, if any. */
  private record Loaded(
      StateMachineDefinition definition, Optional<StateMachineResource> resource) {}

  private static SamTemplate loadTemplate(Path file, Map<String, String> values, String stackName) {
    try {
      return SamTemplate.load(file, values, stackName);
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

  /** What to run, and how. */
  public static final class Builder extends RuntimeOptions<Builder> {
    private final Path definitionFile;
    private final JsonNode input;
    private Path template;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String executionName = "local-run";
    private Path scenarioFile;
    private Mocks mocks;
    private String stackName = LocalWorkflowRuntime.DEFAULT_STACK_NAME;

    private Builder(Path definitionFile, JsonNode input) {
      super(System.err);
      this.definitionFile = Objects.requireNonNull(definitionFile, "definitionFile");
      this.input = Objects.requireNonNull(input, "input");
    }

    /** The SAM template that fills placeholders and provides functions; none by default. */
    public Builder template(Path value) {
      this.template = value;
      return this;
    }

    /** A value for one of the template's Parameters. */
    public Builder parameters(Map<String, String> values) {
      this.parameters.putAll(values);
      return this;
    }

    public Builder executionName(String value) {
      this.executionName = Objects.requireNonNull(value, "executionName");
      return this;
    }

    /** A scenario file that seeds the in-process emulator. */
    public Builder scenario(Path file) {
      this.scenarioFile = file;
      return this;
    }

    /** The stack's name, as AWS::StackName gives it to the template. */
    public Builder stackName(String value) {
      this.stackName = Objects.requireNonNull(value, "stackName");
      return this;
    }

    /** Runs with a mock configuration's test case instead of the emulator. */
    public Builder mocks(Mocks value) {
      this.mocks = value;
      return this;
    }

    public DefinitionRun build() {
      return new DefinitionRun(this);
    }
  }
}
