package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.StatesNames;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import dev.studiolifecycle.local.asl.jsonata.JsonataTemplates;
import dev.studiolifecycle.local.asl.jsonata.StepFunctionsFunctions;
import dev.studiolifecycle.local.asl.path.PayloadTemplate;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.time.SimulationClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs state machine executions on one simulation clock: the Java API that the local Step Functions
 * service and the command line use. Executions run side by side on a shared {@link EventScheduler};
 * drive it with {@link #runUntilIdle}/{@link #awaitCompletion}, or let a background thread drive it
 * ({@link #startBackground}) when executions start asynchronously.
 *
 * <pre>{@code
 * ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock())
 *     .taskInvoker(integrations).build();
 * Execution execution = engine.start(StateMachine.of("Lifecycle", definition), "run-1", input);
 * engine.awaitCompletion(execution);
 * }</pre>
 */
public final class ExecutionEngine implements AutoCloseable {

  private final EventScheduler scheduler;
  private final TaskInvoker taskInvoker;
  private final RandomGenerator random;
  private final IntrinsicFunctions intrinsics;
  private final PayloadTemplate templates;
  private final JsonataTemplates jsonata;

  private volatile Consumer<Execution> progress = execution -> {};
  private volatile long progressNanos = Duration.ofSeconds(1).toNanos();
  private volatile long lastProgress = System.nanoTime();
  private final Map<String, ExecutionRun> runs = new LinkedHashMap<>();
  private final Map<String, MapRun> mapRuns = new LinkedHashMap<>();
  private final MapRunServices mapRunServices;

  private ExecutionEngine(Builder builder) {
    this.scheduler = new EventScheduler(builder.clock);
    this.taskInvoker = builder.taskInvoker;
    this.random = builder.random;
    this.intrinsics = new IntrinsicFunctions(random);
    this.templates = new PayloadTemplate(intrinsics);
    this.jsonata = new JsonataTemplates(this::now, new StepFunctionsFunctions(random));
    this.mapRunServices = builder.mapRunServices;
  }

  public static Builder builder(SimulationClock clock) {
    return new Builder(clock);
  }

  /**
   * Checks that every Task state of a definition can run with an invoker.
   *
   * @throws DefinitionException listing each Task state that cannot, naming state and field
   */
  public static void checkRunnable(StateMachineDefinition definition, TaskInvoker invoker) {
    List<String> problems = new ArrayList<>();
    for (State state : definition.allStates()) {
      if (state instanceof TaskState task) {
        problems.addAll(invoker.check(task));
      }
    }
    if (!problems.isEmpty()) {
      throw new DefinitionException(problems);
    }
  }

  /** Checks a definition against this engine's task invoker; see {@link #checkRunnable}. */
  public void checkRunnable(StateMachineDefinition definition) {
    checkRunnable(definition, taskInvoker);
  }

  /** Starts an execution whose tasks run with this engine's task invoker. */
  public Execution start(StateMachine stateMachine, String name, JsonNode input) {
    return start(stateMachine, name, input, taskInvoker);
  }

  /**
   * Starts an execution whose tasks run with {@code invoker} (e.g. a mock test case). The execution
   * is RUNNING with its ExecutionStarted event recorded when this returns; its states run as the
   * scheduler is driven. Safe to call from any thread.
   *
   * @throws IllegalArgumentException for an invalid name, no input or one larger than 256 KiB, or a
   *     name already used by an execution of this state machine
   * @throws DefinitionException when a Task state cannot run with {@code invoker}
   */
  public Execution start(
      StateMachine stateMachine, String name, JsonNode input, TaskInvoker invoker) {
    Objects.requireNonNull(stateMachine, "stateMachine");
    Objects.requireNonNull(invoker, "invoker");
    StatesNames.checkName("execution", name);
    // Any JSON value is an execution input (an object, array, string, number, boolean or null).
    if (input == null || input.isMissingNode()) {
      throw new IllegalArgumentException("The execution input must be a JSON value, got nothing");
    }
    String inputText = ExecutionRun.json(input);
    if (inputText.getBytes(StandardCharsets.UTF_8).length > ExecutionRun.PAYLOAD_LIMIT_BYTES) {
      throw new IllegalArgumentException(
          "The execution input is larger than " + ExecutionRun.PAYLOAD_LIMIT_BYTES + " bytes");
    }
    checkRunnable(stateMachine.definition(), invoker);
    return launch(stateMachine, name, input, invoker);
  }

  /**
   * Starts a child workflow execution of a Map Run with its parent's invoker; the ItemProcessor was
   * checked when the parent's definition was.
   */
  Execution startChild(
      StateMachine stateMachine, String name, JsonNode input, ExecutionRun parent) {
    StatesNames.checkName("execution", name);
    String inputText = ExecutionRun.json(input);
    if (inputText.getBytes(StandardCharsets.UTF_8).length > ExecutionRun.PAYLOAD_LIMIT_BYTES) {
      throw new IllegalArgumentException(
          "A child execution's input is larger than "
              + ExecutionRun.PAYLOAD_LIMIT_BYTES
              + " bytes");
    }
    return launch(stateMachine, name, input, parent.invoker());
  }

  private Execution launch(
      StateMachine stateMachine, String name, JsonNode input, TaskInvoker invoker) {
    String inputText = ExecutionRun.json(input);
    Execution execution = new Execution(name, stateMachine, input, scheduler.now());
    ExecutionRun run = new ExecutionRun(this, execution, invoker);
    synchronized (runs) {
      if (runs.containsKey(execution.executionArn())) {
        throw new IllegalArgumentException(
            "Execution already exists: '" + execution.executionArn() + "'");
      }
      runs.put(execution.executionArn(), run);
    }
    execution.record(
        HistoryEventType.ExecutionStarted,
        null,
        0,
        new EventDetails.ExecutionStarted(inputText, stateMachine.roleArn()),
        execution.startDate());
    // The first state and the time limit are queued together: a background driver that saw the
    // time limit alone would jump the virtual clock a year ahead and time the execution out.
    scheduler.atomically(run::begin);
    return execution;
  }

  /**
   * Parses {@code input} as the execution input.
   *
   * @throws IllegalArgumentException when it is not JSON
   */
  public static JsonNode parseInput(String input) {
    try {
      return LocalJson.MAPPER.readTree(input);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The execution input is not valid JSON: " + LocalJson.problem(e), e);
    }
  }

  /**
   * StopExecution: the execution ends ABORTED with this error and cause (either may be null); work
   * in flight is dropped. Does nothing to an execution that has already ended.
   */
  public void stop(Execution execution, String error, String cause) {
    ExecutionRun run;
    synchronized (runs) {
      run = runs.get(execution.executionArn());
    }
    if (run == null) {
      throw new IllegalArgumentException("Unknown execution: " + execution.executionArn());
    }
    run.abort(error, cause);
  }

  /**
   * RedriveExecution: an execution that FAILED, TIMED_OUT or was ABORTED runs again from its
   * unsuccessful state, with the input that state had, as the same execution (see {@link
   * RedrivePoint}); a Distributed Map state there redrives its Map Run.
   *
   * @throws IllegalStateException naming why it cannot be redriven
   */
  public void redrive(Execution execution) {
    ExecutionRun previous;
    synchronized (runs) {
      previous = runs.get(execution.executionArn());
    }
    if (previous == null) {
      throw new IllegalArgumentException("Unknown execution: " + execution.executionArn());
    }
    scheduler.atomically(
        () -> {
          RedrivePoint point = RedrivePoint.of(execution, scheduler.now());
          long redriven = execution.redriven(scheduler.now());
          ExecutionRun run =
              new ExecutionRun(this, execution, previous.invoker(), previous.variables());
          synchronized (runs) {
            runs.put(execution.executionArn(), run);
          }
          run.resume(point.stateName(), point.input(), redriven);
        });
  }

  /** Runs every execution until none has anything left to do (virtual time jumps ahead). */
  public void runUntilIdle() {
    scheduler.runUntilIdle();
  }

  /**
   * Drives the scheduler (or, when a background thread drives it, waits) until the execution ends.
   * Other executions progress meanwhile, on the same clock.
   *
   * @throws IllegalStateException when nothing is left to run and the execution has not ended
   */
  public Execution awaitCompletion(Execution execution) {
    if (scheduler.isBackground()) {
      try {
        return execution.completion().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + execution, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("execution " + execution + " did not complete", e);
      }
    }
    while (!execution.isDone()) {
      // A report is due after at least one step, once the interval has passed.
      long before = scheduler.actionsRun();
      boolean more =
          scheduler.runUntil(
              () ->
                  execution.isDone()
                      || (scheduler.actionsRun() > before
                          && System.nanoTime() - lastProgress >= progressNanos));
      if (execution.isDone()) {
        break;
      }
      if (!more || scheduler.actionsRun() == before) {
        throw new IllegalStateException(
            "Execution " + execution.executionArn() + " cannot finish: nothing more is scheduled");
      }
      lastProgress = System.nanoTime();
      progress.accept(execution);
    }
    return execution;
  }

  /**
   * Tells {@code listener}, about once a second of wall-clock time while {@link #awaitCompletion}
   * drives the scheduler, which execution it is driving (on the driving thread, between steps):
   * what a command prints as its progress line. The first second counts from now.
   */
  public void onProgress(Consumer<Execution> listener) {
    onProgress(listener, Duration.ofSeconds(1));
  }

  /** As {@link #onProgress(Consumer)}, every {@code interval} of wall-clock time. */
  public void onProgress(Consumer<Execution> listener, Duration interval) {
    this.progress = Objects.requireNonNull(listener, "listener");
    this.progressNanos = interval.toNanos();
    this.lastProgress = System.nanoTime();
  }

  /** Starts an execution and drives it to its end. */
  public Execution run(StateMachine stateMachine, String name, JsonNode input) {
    return awaitCompletion(start(stateMachine, name, input));
  }

  /** From now on a background thread runs executions; see {@link EventScheduler}. */
  public void startBackground() {
    scheduler.startBackground();
  }

  public Optional<Execution> execution(String executionArn) {
    synchronized (runs) {
      return Optional.ofNullable(runs.get(executionArn)).map(ExecutionRun::execution);
    }
  }

  /** Every execution this engine started, oldest first. */
  public List<Execution> executions() {
    synchronized (runs) {
      return runs.values().stream().map(ExecutionRun::execution).toList();
    }
  }

  /** The Map Runs that Distributed Map states started, oldest first. */
  public List<MapRun> mapRuns() {
    synchronized (mapRuns) {
      return List.copyOf(mapRuns.values());
    }
  }

  public Optional<MapRun> mapRun(String mapRunArn) {
    synchronized (mapRuns) {
      return Optional.ofNullable(mapRuns.get(mapRunArn));
    }
  }

  void register(MapRun mapRun) {
    synchronized (mapRuns) {
      mapRuns.put(mapRun.mapRunArn(), mapRun);
    }
  }

  MapRunServices mapRunServices() {
    return mapRunServices;
  }

  /** A version 4 UUID from the engine's random source, so that names repeat from run to run. */
  String uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(high, low).toString();
  }

  public EventScheduler scheduler() {
    return scheduler;
  }

  public SimulationClock clock() {
    return scheduler.clock();
  }

  RandomGenerator random() {
    return random;
  }

  IntrinsicFunctions intrinsics() {
    return intrinsics;
  }

  PayloadTemplate templates() {
    return templates;
  }

  JsonataTemplates jsonata() {
    return jsonata;
  }

  private java.time.Instant now() {
    return scheduler.now();
  }

  @Override
  public void close() {
    scheduler.close();
  }

  /** Configures an engine. */
  public static final class Builder {
    private final SimulationClock clock;
    private TaskInvoker taskInvoker = new NoTasks();
    private RandomGenerator random = new Random(0);
    private MapRunServices mapRunServices = MapRunServices.NONE;

    private Builder(SimulationClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs Task states; without one, definitions with Task states are refused. */
    public Builder taskInvoker(TaskInvoker invoker) {
      this.taskInvoker = Objects.requireNonNull(invoker, "invoker");
      return this;
    }

    /**
     * The random source of FULL retry jitter and of intrinsic functions such as States.UUID; seeded
     * by default, so that runs repeat.
     */
    public Builder random(RandomGenerator randomGenerator) {
      this.random = Objects.requireNonNull(randomGenerator, "random");
      return this;
    }

    /** S3 and the leave to start child executions, for Distributed Map states. */
    public Builder mapRunServices(MapRunServices services) {
      this.mapRunServices = Objects.requireNonNull(services, "services");
      return this;
    }

    public ExecutionEngine build() {
      return new ExecutionEngine(this);
    }
  }

  /** The invoker of an engine built without one: it runs no task at all. */
  private static final class NoTasks implements TaskInvoker {
    @Override
    public List<String> check(TaskState state) {
      return List.of(
          "State '"
              + state.name()
              + "', field 'Resource': "
              + state.resource().arn()
              + " is not supported in this runtime (no task resources are configured)");
    }

    @Override
    public TaskOutcome invoke(TaskInvocation invocation) {
      throw new IllegalStateException("no task resources are configured");
    }
  }
}
