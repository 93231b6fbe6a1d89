package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.SimulationClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The project running on a laptop: the emulator on a loopback port, template.yaml read as SAM would
 * deploy it, the handlers in-process, and the state machine run by the embedded interpreter, all on
 * one simulation clock. Everything the workflow does crosses the real AWS SDK clients and wire
 * protocols.
 *
 * <p>It points the JVM's AWS SDK configuration (system properties) at its emulator, so one runs at
 * a time in a JVM; {@link #close()} restores the previous configuration.
 */
public final class LocalWorkflowRuntime implements AutoCloseable {

  /** The template's state machine that onboards and offboards users. */
  public static final String LIFECYCLE_STATE_MACHINE = "StudioUserLifecycleStateMachine";

  /** The domain the template's DomainId parameter names when neither caller nor scenario does. */
  public static final String DEFAULT_DOMAIN_ID = "d-studiolocal01";

  /** The stack name the local deployment uses unless told another. */
  public static final String DEFAULT_STACK_NAME = SamTemplate.DEFAULT_STACK_NAME;

  private final AwsEmulator emulator;
  private final LocalAwsEnvironment environment;
  private final SamTemplate template;
  private final LocalStepFunctions stepFunctions;
  private final ExecutionEngine engine;
  private final StateMachine lifecycle;
  private final ExecutionEndEvents ends;

  private LocalWorkflowRuntime(Builder builder) {
    Path templateFile = builder.projectRoot.resolve("template.yaml");
    if (!Files.isRegularFile(templateFile)) {
      throw new IllegalArgumentException(
          "no template.yaml in "
              + builder.projectRoot.toAbsolutePath()
              + ": run from the project's root folder");
    }
    Scenario scenario = builder.scenario;
    AwsEmulator.Builder emulatorBuilder = AwsEmulator.builder().clock(builder.clock).port(0);
    if (scenario != null) {
      ScenarioLoader.configure(scenario, emulatorBuilder);
    }
    AwsEmulator started = emulatorBuilder.build().start();
    LocalAwsEnvironment pointed = null;
    LocalStepFunctions deployment = null;
    try {
      pointed = LocalAwsEnvironment.pointAt(started);
      if (scenario != null) {
        ScenarioLoader.apply(scenario, started);
      }
      SamTemplate loaded =
          SamTemplate.load(
              templateFile, templateParameters(scenario, builder.parameters), builder.stackName);
      // Topics, policies and every state machine of the template, deployed into the emulator's
      // Step Functions, whose executions this runtime's engine runs.
      deployment =
          LocalStepFunctions.builder(started)
              .template(loaded)
              .handlerOutput(builder.handlerOutput)
              .randomSeed(builder.randomSeed)
              .iamEnforced(builder.iamEnforced)
              .build();
      StateMachine machine =
          deployment
              .stateMachine(LIFECYCLE_STATE_MACHINE)
              .orElseThrow(
                  () ->
                      new TemplateException(
                          templateFile + ": no state machine " + LIFECYCLE_STATE_MACHINE));
      this.emulator = started;
      this.environment = pointed;
      this.template = loaded;
      this.stepFunctions = deployment;
      this.engine = deployment.engine();
      this.lifecycle = machine;
      this.ends =
          new ExecutionEndEvents(
              loaded, started.clock(), builder.handlerOutput, deployment.authorizer());
    } catch (RuntimeException e) {
      if (deployment != null) {
        deployment.close();
      }
      if (pointed != null) {
        pointed.close();
      }
      started.close();
      throw e;
    }
  }

  public static Builder builder(Path projectRoot) {
    return new Builder(projectRoot);
  }

  /** Runs one execution of the lifecycle state machine to its end, in virtual time. */
  public Execution run(JsonNode input) {
    return run(executionNameFor(input), input);
  }

  /** Runs one execution with the given name (names are unique, as on Step Functions). */
  public Execution run(String executionName, JsonNode input) {
    return run(lifecycle, executionName, input);
  }

  /** Runs one execution of {@code machine}, e.g. one of {@link #withDefinition}. */
  public Execution run(StateMachine machine, String executionName, JsonNode input) {
    return ended(engine.run(machine, executionName, input));
  }

  /**
   * The template's state machine {@code logicalId} with the definition of {@code file} (with the
   * same {@code ${...}} placeholders, e.g. the previous release's), under the same name, ARN and
   * role: what an execution started before a stack update goes on running, while the functions it
   * calls, the role's policies and the executions it starts are this template's (Step Functions API
   * reference, UpdateStateMachine: "Running executions will continue to use the previous definition
   * and roleArn").
   *
   * @throws BadInput when the file cannot be read
   * @throws TemplateException when the definition has a placeholder the template does not fill
   * @throws dev.studiolifecycle.local.asl.DefinitionException when the definition is not valid
   */
  public StateMachine withDefinition(String logicalId, Path file) {
    StateMachine current =
        stepFunctions
            .stateMachine(logicalId)
            .orElseThrow(() -> new TemplateException("no state machine " + logicalId));
    StateMachineResource resource =
        template.stateMachines().stream()
            .filter(r -> r.logicalId().equals(logicalId))
            .findFirst()
            .orElseThrow();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new BadInput(file + ": cannot read the definition (" + e.getMessage() + ")");
    }
    return new StateMachine(
        current.name(),
        current.arn(),
        current.roleArn(),
        StateMachineDefinition.parse(resource.substitute(text)));
  }

  /**
   * The execution, once Step Functions' status change event for its end has gone to the template's
   * EventBridge rules and the functions they start have run.
   */
  private Execution ended(Execution execution) {
    ends.ended(execution);
    return execution;
  }

  /**
   * Runs one of the template's EventBridge Scheduler schedules now, as Scheduler would: its target
   * started as the schedule's role, or the start refused and dead-lettered or lost.
   */
  public ScheduledStarts.Outcome runSchedule(String scheduleLogicalId) {
    return new ScheduledStarts(template, this).run(scheduleLogicalId);
  }

  /**
   * The events of ended executions that the functions their rules invoked failed on, retries
   * included: what the functions' OnFailure dead-letter queues hold.
   */
  public List<ExecutionEndEvents.DeadLetter> deadLetters() {
    return ends.deadLetters();
  }

  /**
   * The same events that Lambda could not send to the function's OnFailure queue (the role may not,
   * or there is none): lost on AWS, where only a metric counts them.
   */
  public List<ExecutionEndEvents.LostInvocation> lostInvocations() {
    return ends.lostInvocations();
  }

  /**
   * The events of ended executions that EventBridge could not deliver to a rule's function: kept in
   * the rule target's dead-letter queue, or lost.
   */
  public List<ExecutionEndEvents.Undelivered> undeliveredEvents() {
    return ends.undelivered();
  }

  /** Where Lambda puts an asynchronous invocation of the function that failed its retries. */
  public FailedInvocationDestination failedInvocationDestination(String functionLogicalId) {
    FunctionDefinition function =
        template
            .function(functionLogicalId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        functionLogicalId + " is not a function of the template"));
    return FailedInvocationDestination.of(function, template, stepFunctions.authorizer());
  }

  /** Every SNS message published so far, in order. */
  public List<PublishedMessage> notifications() {
    return emulator.sns().publishedMessages();
  }

  public AwsEmulator emulator() {
    return emulator;
  }

  public SimulationClock clock() {
    return emulator.clock();
  }

  public SamTemplate template() {
    return template;
  }

  public ExecutionEngine engine() {
    return engine;
  }

  /**
   * The Step Functions API of the emulator and the template's deployed state machines; executions
   * started over the API (the StartWorkflow handler, the AWS CLI, aws-sdk:sfn tasks) run on this
   * runtime's engine when it is driven, e.g. by {@link #awaitExecution}.
   */
  public LocalStepFunctions stepFunctions() {
    return stepFunctions;
  }

  /**
   * Runs the engine in virtual time until the execution with this ARN (started by anyone, e.g. the
   * StartWorkflow handler over the API) has ended, and returns it.
   *
   * @throws IllegalArgumentException when no execution has that ARN
   */
  public Execution awaitExecution(String executionArn) {
    return ended(stepFunctions.awaitExecution(executionArn));
  }

  public StateMachine lifecycleStateMachine() {
    return lifecycle;
  }

  @Override
  public void close() {
    try {
      stepFunctions.close();
    } finally {
      try {
        environment.close();
      } finally {
        emulator.close();
      }
    }
  }

  /** The execution name the console would suggest: the request id, or a fresh UUID. */
  public static String executionNameFor(JsonNode input) {
    JsonNode requestId = input == null ? null : input.get("requestId");
    if (requestId != null
        && requestId.isTextual()
        && requestId.asText().matches("[0-9A-Za-z_-]{1,80}")) {
      return requestId.asText();
    }
    return UUID.randomUUID().toString();
  }

  /** The scenario's domain and team settings, then the caller's values over them. */
  private static Map<String, String> templateParameters(
      Scenario scenario, Map<String, String> given) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("DomainId", defaultDomainId(scenario));
    if (scenario != null && scenario.teamSettings() != null) {
      parameters.put("TeamSettings", scenario.teamSettings().toString());
    }
    parameters.putAll(given);
    return parameters;
  }

  static String defaultDomainId(Scenario scenario) {
    if (scenario != null
        && scenario.sagemaker() != null
        && scenario.sagemaker().domains() != null) {
      for (Scenario.Domain domain : scenario.sagemaker().domains()) {
        if (domain.domainId() != null) {
          return domain.domainId();
        }
      }
    }
    return DEFAULT_DOMAIN_ID;
  }

  /** Configures a runtime. */
  public static final class Builder extends RuntimeOptions<Builder> {
    private final Path projectRoot;
    private SimulationClock clock = new VirtualClock();
    private Scenario scenario;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private long randomSeed = LocalStepFunctions.DEFAULT_RANDOM_SEED;
    private String stackName = DEFAULT_STACK_NAME;

    private Builder(Path projectRoot) {
      super(new PrintStream(OutputStream.nullOutputStream()));
      this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
    }

    /** The simulation clock; a fresh {@link VirtualClock} by default. */
    public Builder clock(SimulationClock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** What exists before the first execution, and the faults to inject. */
    public Builder scenario(Scenario value) {
      this.scenario = value;
      return this;
    }

    /** Template parameter values, as `sam deploy --parameter-overrides` gives them. */
    public Builder parameter(String name, String value) {
      parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    /**
     * The stack's name, as `sam deploy --stack-name` gives it: what AWS::StackName resolves to, and
     * the names derived from it; {@value #DEFAULT_STACK_NAME} by default.
     */
    public Builder stackName(String value) {
      this.stackName = Objects.requireNonNull(value, "stackName");
      return this;
    }

    /** Seeds the interpreter's jitter, so that a run repeats exactly. */
    public Builder randomSeed(long value) {
      this.randomSeed = value;
      return this;
    }

    public LocalWorkflowRuntime build() {
      return new LocalWorkflowRuntime(this);
    }
  }
}
