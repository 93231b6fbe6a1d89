package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.JsonataFields;
import dev.studiolifecycle.local.asl.definition.ResultHandling;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StatesBlock;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.jsonata.JsonataBindings;
import dev.studiolifecycle.local.asl.jsonata.JsonataTemplates;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The interpreter for one execution. Every step is an action on the engine's scheduler: a state
 * runs until it must wait (a task's duration, a Wait, a retry delay, branches), schedules its
 * continuation, and returns. Blocks (the execution, a branch, an iteration) report their end to a
 * {@link BlockDone}.
 */
final class ExecutionRun {

  /** Step Functions' limit on how long a Standard execution, and a Wait state in it, may take. */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  /** Step Functions' limit on a Standard execution's history. */
  static final int HISTORY_LIMIT = 25_000;

  /** Step Functions' limit on state input, output and task results: 256 KiB of UTF-8 JSON. */
  static final int PAYLOAD_LIMIT_BYTES = 256 * 1024;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter CONTEXT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final ExecutionEngine engine;
  private final Execution execution;

  /** Takes the execution's time limit off the scheduler once the execution has ended. */
  private Runnable cancelTimeLimit = () -> {};

  private final TaskInvoker invoker;
  private final Scope root = new Scope(null);
  private final Variables variables;
  private final Failures failures = new Failures(this);
  private final ObjectNode contextBase;

  ExecutionRun(ExecutionEngine engine, Execution execution, TaskInvoker invoker) {
    this(engine, execution, invoker, Variables.top());
  }

  /**
   * A run with the given top-level variables: a redrive continues with those its failed run had
   * assigned.
   */
  ExecutionRun(
      ExecutionEngine engine, Execution execution, TaskInvoker invoker, Variables variables) {
    this.variables = variables;
    this.engine = engine;
    this.execution = execution;
    this.invoker = invoker;
    this.contextBase = JSON.objectNode();
    ObjectNode exec = contextBase.putObject("Execution");
    exec.put("Id", execution.executionArn());
    exec.set("Input", execution.input());
    exec.put("Name", execution.name());
    exec.put("RoleArn", execution.stateMachine().roleArn());
    exec.put("StartTime", timestamp(execution.startDate()));
    exec.put("RedriveCount", execution.redriveCount());
    ObjectNode machine = contextBase.putObject("StateMachine");
    machine.put("Id", execution.stateMachine().arn());
    machine.put("Name", execution.stateMachine().name());
  }

  Execution execution() {
    return execution;
  }

  ExecutionEngine engine() {
    return engine;
  }

  TaskInvoker invoker() {
    return invoker;
  }

  /** The top-level variables as the run left them (a redrive starts from them). */
  Variables variables() {
    return variables;
  }

  /**
   * Schedules the execution's first state and its time limit: the state machine's TimeoutSeconds,
   * or Step Functions' one year for a Standard execution, whichever comes first.
   */
  void begin() {
    StatesBlock block = execution.stateMachine().definition().block();
    // Step Functions gives the first state's entry previousEventId 0, like ExecutionStarted.
    start(execution.startDate(), block.startAt(), execution.input(), 0);
  }

  /**
   * A redrive: runs again from {@code stateName} with the input it had, after the ExecutionRedriven
   * event {@code redrivenEventId}; the time limit counts from now.
   */
  void resume(String stateName, JsonNode input, long redrivenEventId) {
    start(now(), stateName, input, redrivenEventId);
  }

  private void start(Instant from, String stateName, JsonNode input, long previousEventId) {
    Optional<Duration> timeout = execution.stateMachine().definition().timeout();
    if (timeout.isPresent() && timeout.get().compareTo(MAX_DURATION) <= 0) {
      timeLimit(
          from.plus(timeout.get()),
          "The execution ran longer than the state machine's TimeoutSeconds ("
              + timeout.get().toSeconds()
              + ")");
    } else {
      // Step Functions quotas: a Standard execution that runs longer than one year fails with
      // States.Timeout.
      timeLimit(
          from.plus(MAX_DURATION),
          "The execution ran longer than the maximum duration of a Standard execution (one year)");
    }
    StatesBlock block = execution.stateMachine().definition().block();
    Lane lane = new Lane(previousEventId);
    later(
        root,
        () ->
            runState(
                block,
                stateName,
                input,
                root,
                variables,
                lane,
                BlockDone.of(
                    (output, last) ->
                        end(ExecutionStatus.SUCCEEDED, output, null, null, last.previous),
                    (error, last) ->
                        end(
                            ExecutionStatus.FAILED,
                            null,
                            error.error(),
                            error.cause(),
                            last.previous))));
  }

  private void timeLimit(Instant at, String cause) {
    cancelTimeLimit =
        engine
            .scheduler()
            .schedule(
                at,
                guarded(
                    root,
                    () -> end(ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT, cause, -1)));
  }

  /** StopExecution: ends the execution ABORTED at once; work in flight is dropped. */
  void abort(String error, String cause) {
    end(ExecutionStatus.ABORTED, null, error, cause, -1);
  }

  private void end(
      ExecutionStatus status, JsonNode output, String error, String cause, long previous) {
    root.abort();
    cancelTimeLimit.run();
    HistoryEventType type =
        switch (status) {
          case SUCCEEDED -> HistoryEventType.ExecutionSucceeded;
          case FAILED -> HistoryEventType.ExecutionFailed;
          case TIMED_OUT -> HistoryEventType.ExecutionTimedOut;
          case ABORTED -> HistoryEventType.ExecutionAborted;
          case RUNNING -> throw new IllegalArgumentException("an execution cannot end RUNNING");
        };
    EventDetails details =
        status == ExecutionStatus.SUCCEEDED
            ? new EventDetails.ExecutionSucceeded(json(output))
            : new EventDetails.ExecutionFailure(error, cause);
    execution.finish(status, output, error, cause, type, previous, details, now());
  }

  // ---------------------------------------------------------------- blocks and states

  /**
   * Starts a Parallel branch or an inline Map iteration of {@code visit} as the next step: {@code
   * block} in its own {@code scope}, with a variable scope inside the visit's.
   */
  void startInner(
      Visit visit, StatesBlock block, JsonNode input, Scope scope, Lane lane, BlockDone done) {
    later(scope, () -> runBlock(block, input, scope, visit.variables.inner(), lane, done));
  }

  /**
   * Runs a block (a Parallel branch, a Map iteration) in {@code scope} with its own {@code
   * variables}.
   */
  void runBlock(
      StatesBlock block,
      JsonNode input,
      Scope scope,
      Variables variables,
      Lane lane,
      BlockDone done) {
    runState(block, block.startAt(), input, scope, variables, lane, done);
  }

  private void runState(
      StatesBlock block,
      String name,
      JsonNode input,
      Scope scope,
      Variables variables,
      Lane lane,
      BlockDone done) {
    State state = block.require(name);
    long enteredId =
        record(
            HistoryEventType.entered(state.type()),
            name,
            lane,
            new EventDetails.StateEntered(name, json(input)));
    Visit visit =
        new Visit(
            block,
            state,
            input,
            scope,
            variables,
            lane,
            done,
            now(),
            enteredId,
            Failures.retriers(state).size());
    visit.runner = StateRunner.of(this, state);
    try {
      checkSize(input, visit);
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    visit.runner.attempt(visit);
  }

  /**
   * Ends a visit successfully: the variables it assigns take their values, the Exited event, then
   * the transition.
   */
  void leave(Visit visit, JsonNode output, Transition transition) {
    Map<String, String> assignedText = new LinkedHashMap<>();
    try {
      checkSize(output, visit);
      if (visit.assigned != null) {
        visit.variables.assign(visit.assigned, visit.name());
        visit.assigned.forEach((name, value) -> assignedText.put(name, json(value)));
        visit.assigned = null;
      }
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    record(
        visit,
        HistoryEventType.exited(visit.state.type()),
        new EventDetails.StateExited(visit.name(), json(output), assignedText));
    if (transition instanceof Transition.Next next) {
      later(
          visit.scope,
          () ->
              runState(
                  visit.block,
                  next.state(),
                  output,
                  visit.scope,
                  visit.variables,
                  visit.lane,
                  visit.done));
    } else {
      visit.done.succeeded(output, visit.lane);
    }
  }

  /**
   * A result that ends an attempt (a task's, or the array of a Parallel's branches or a Map's
   * iterations): ResultSelector, Assign (read against the selected result), ResultPath and
   * OutputPath, then the transition.
   */
  void complete(Visit visit, JsonNode result, ResultHandling handling, Transition transition) {
    JsonataFields jsonata = visit.state.jsonata();
    if (jsonata != null) {
      try {
        checkSize(result, visit);
      } catch (StatesError e) {
        fail(visit, e);
        return;
      }
      leaveJsonata(
          visit,
          bindings(visit, context(visit), result, null),
          handling.assign(),
          jsonata.output(),
          result,
          transition);
      return;
    }
    try {
      checkSize(result, visit);
      JsonNode context = context(visit);
      JsonNode selected =
          handling.resultSelector().isMissingNode()
              ? result
              : engine
                  .templates()
                  .evaluate(handling.resultSelector(), PathValues.paths(visit, result, context));
      assign(visit, handling.assign(), selected, context);
      JsonNode output = PathValues.place(handling.resultPath(), visit.input, selected);
      output = PathValues.select(handling.outputPath(), output, context, visit, "OutputPath");
      leave(visit, output, transition);
    } catch (StatesError e) {
      fail(visit, e);
    }
  }

  // ---------------------------------------------------------------- errors

  /**
   * A state's error: Retry, then Catch, then the block fails. The first retrier whose ErrorEquals
   * matches decides: when it has attempts left the state runs again after its delay, otherwise no
   * retrier is used. Then the first matching catcher moves on with the error output at its
   * ResultPath. States without Retry and Catch (Pass, Choice, Wait, Succeed) fail their block.
   */
  void fail(Visit visit, StatesError error) {
    failures.fail(visit, error);
  }

  // ---------------------------------------------------------------- data

  ObjectNode context(Visit visit) {
    ObjectNode context = contextBase.deepCopy();
    ObjectNode state = JSON.objectNode();
    state.put("EnteredTime", timestamp(visit.entered));
    state.put("Name", visit.name());
    state.put("RetryCount", visit.retryCount);
    // Keep Execution, State, StateMachine in the order Step Functions shows them.
    ObjectNode ordered = JSON.objectNode();
    ordered.set("Execution", context.get("Execution"));
    ordered.set("State", state);
    ordered.set("StateMachine", context.get("StateMachine"));
    return ordered;
  }

  /**
   * Evaluates an Assign template against {@code input} (the state's result, its effective input or
   * its error output) with the variables as they were when the state was entered; they take these
   * values when it leaves. Step Functions quotas: a state assigns at most 256 KiB.
   */
  void assign(Visit visit, JsonNode template, JsonNode input, JsonNode context) {
    if (template == null || template.isMissingNode()) {
      return;
    }
    stage(visit, engine.templates().evaluate(template, PathValues.paths(visit, input, context)));
  }

  /** A JSONata state's Assign: its expressions read {@code bindings}; see the JSONPath one. */
  void assign(Visit visit, JsonNode template, JsonataBindings bindings) {
    if (template == null || template.isMissingNode()) {
      return;
    }
    stage(visit, engine.jsonata().evaluate(template, bindings, "Assign"));
  }

  private void stage(Visit visit, JsonNode values) {
    checkSize(
        values,
        () ->
            "The state '"
                + visit.name()
                + "' assigns variables whose size exceeds the maximum number of bytes service "
                + "limit (256 KiB).");
    Map<String, JsonNode> assigned = new LinkedHashMap<>();
    values.fields().forEachRemaining(field -> assigned.put(field.getKey(), field.getValue()));
    visit.assigned = assigned;
  }

  /**
   * What a JSONata field of this visit reads: {@code $states.input} (the state's input), {@code
   * $states.context}, and {@code $states.result} or {@code $states.errorOutput} when not null; and
   * the variables in scope.
   */
  static JsonataBindings bindings(
      Visit visit, JsonNode context, JsonNode result, JsonNode errorOutput) {
    ObjectNode states = JSON.objectNode();
    states.set("input", visit.input);
    states.set("context", context);
    if (result != null) {
      states.set("result", result);
    }
    if (errorOutput != null) {
      states.set("errorOutput", errorOutput);
    }
    return new JsonataBindings(states, visit.variables.visible());
  }

  /**
   * A JSONata expression standing for one value of a kind (a Condition's boolean, a Seconds'
   * integer): its value when {@code fits} accepts it, else States.QueryEvaluationError saying the
   * field wanted {@code kind}.
   */
  JsonNode jsonataValue(
      JsonNode expression,
      Visit visit,
      JsonNode context,
      String field,
      Predicate<JsonNode> fits,
      String kind) {
    JsonNode value = jsonata(expression, bindings(visit, context, null, null), field, null);
    if (!fits.test(value)) {
      throw new StatesError(
          JsonataTemplates.QUERY_EVALUATION_ERROR,
          "The JSONata expression specified for the field '"
              + field
              + "' of state '"
              + visit.name()
              + "' must give "
              + kind
              + ", got "
              + json(value));
    }
    return value;
  }

  /** A JSONata field's value: {@code template} evaluated, or {@code otherwise} when missing. */
  JsonNode jsonata(JsonNode template, JsonataBindings bindings, String field, JsonNode otherwise) {
    if (template == null || template.isMissingNode()) {
      return otherwise;
    }
    return engine.jsonata().evaluate(template, bindings, field);
  }

  /**
   * A JSONata state's Output (or {@code otherwise}, its default) and Assign, then the transition.
   */
  void leaveJsonata(
      Visit visit,
      JsonataBindings bindings,
      JsonNode assign,
      JsonNode output,
      JsonNode otherwise,
      Transition transition) {
    try {
      assign(visit, assign, bindings);
      leave(visit, jsonata(output, bindings, "Output", otherwise), transition);
    } catch (StatesError e) {
      fail(visit, e);
    }
  }

  void checkSize(JsonNode value, Visit visit) {
    checkSize(
        value,
        () ->
            "The state/task '"
                + visit.name()
                + "' returned a result with a size exceeding the maximum number of bytes service "
                + "limit.");
  }

  /** States.DataLimitExceeded with {@code message} when {@code value} is over the payload limit. */
  private static void checkSize(JsonNode value, Supplier<String> message) {
    if (json(value).getBytes(StandardCharsets.UTF_8).length > PAYLOAD_LIMIT_BYTES) {
      throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED, message.get());
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Records an event of the visit's state in the visit's lane. */
  long record(Visit visit, HistoryEventType type, EventDetails details) {
    return record(type, visit.name(), visit.lane, details);
  }

  long record(HistoryEventType type, String stateName, Lane lane, EventDetails details) {
    long id = execution.record(type, stateName, lane.previous, details, now());
    if (id > 0) {
      lane.previous = id;
      // Step Functions quotas: an execution fails when its history reaches 25,000 events;
      // recorded on AWS, the failure event comes after the 25,000th.
      if (id >= HISTORY_LIMIT) {
        end(
            ExecutionStatus.FAILED,
            null,
            StatesError.RUNTIME,
            "The execution reached the "
                + "maximum number of history events ("
                + HISTORY_LIMIT
                + ").",
            id);
      }
    }
    return id;
  }

  /** Runs {@code action} as the next step (now, after what is already due). */
  void later(Scope scope, Runnable action) {
    engine.scheduler().schedule(now(), guarded(scope, action));
  }

  /** Runs {@code action} at {@code at}, unless {@code scope} has been aborted by then. */
  void schedule(Instant at, Scope scope, Runnable action) {
    engine.scheduler().schedule(at, guarded(scope, action));
  }

  /** An action that does nothing once its scope is aborted, and never escapes an exception. */
  private Runnable guarded(Scope scope, Runnable action) {
    return () -> {
      if (!scope.isActive() || execution.isDone()) {
        return;
      }
      try {
        action.run();
      } catch (RuntimeException e) {
        // A bug in the interpreter, not in the state machine: fail this execution visibly
        // rather than stop the scheduler that other executions share.
        end(
            ExecutionStatus.FAILED,
            null,
            StatesError.RUNTIME,
            "Internal error of the local interpreter: " + e,
            -1);
      }
    };
  }

  Instant now() {
    return engine.scheduler().now();
  }

  static String timestamp(Instant instant) {
    return CONTEXT_TIME.format(instant);
  }

  static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
