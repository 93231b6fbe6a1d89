package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.definition.Catcher;
import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.ErrorHandling;
import dev.studiolifecycle.local.asl.definition.FailState;
import dev.studiolifecycle.local.asl.definition.JitterStrategy;
import dev.studiolifecycle.local.asl.definition.MapConcurrency;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.definition.ParallelState;
import dev.studiolifecycle.local.asl.definition.PassState;
import dev.studiolifecycle.local.asl.definition.PathSelection;
import dev.studiolifecycle.local.asl.definition.ResultPlacement;
import dev.studiolifecycle.local.asl.definition.Retrier;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StatesBlock;
import dev.studiolifecycle.local.asl.definition.SucceedState;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.definition.TextSource;
import dev.studiolifecycle.local.asl.definition.TimeoutSetting;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.definition.WaitState;
import dev.studiolifecycle.local.asl.definition.WaitTime;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PathContext;
import dev.studiolifecycle.local.asl.path.PathNotFoundException;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

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
  private final ObjectNode contextBase;

  ExecutionRun(ExecutionEngine engine, Execution execution, TaskInvoker invoker) {
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
    exec.put("RedriveCount", 0);
    ObjectNode machine = contextBase.putObject("StateMachine");
    machine.put("Id", execution.stateMachine().arn());
    machine.put("Name", execution.stateMachine().name());
  }

  Execution execution() {
    return execution;
  }

  /**
   * Schedules the execution's first state and its time limit: the state machine's TimeoutSeconds,
   * or Step Functions' one year for a Standard execution, whichever comes first.
   */
  void begin() {
    Optional<Duration> timeout = execution.stateMachine().definition().timeout();
    if (timeout.isPresent() && timeout.get().compareTo(MAX_DURATION) <= 0) {
      cancelTimeLimit =
          engine
              .scheduler()
              .schedule(
                  execution.startDate().plus(timeout.get()),
                  guarded(
                      root,
                      () ->
                          end(
                              ExecutionStatus.TIMED_OUT,
                              null,
                              StatesError.TIMEOUT,
                              "The execution ran longer than the state machine's TimeoutSeconds ("
                                  + timeout.get().toSeconds()
                                  + ")",
                              -1)));
    } else {
      // Step Functions quotas: a Standard execution that runs longer than one year fails with
      // States.Timeout.
      cancelTimeLimit =
          engine
              .scheduler()
              .schedule(
                  execution.startDate().plus(MAX_DURATION),
                  guarded(
                      root,
                      () ->
                          end(
                              ExecutionStatus.TIMED_OUT,
                              null,
                              StatesError.TIMEOUT,
                              "The execution ran longer than the maximum duration of a Standard execution "
                                  + "(one year)",
                              -1)));
    }
    StatesBlock block = execution.stateMachine().definition().block();
    // Step Functions gives the first state's entry previousEventId 0, like ExecutionStarted.
    Lane lane = new Lane(0);
    later(
        root,
        () ->
            runBlock(
                block,
                execution.input(),
                root,
                lane,
                new BlockDone() {
                  @Override
                  public void succeeded(JsonNode output, Lane last) {
                    end(ExecutionStatus.SUCCEEDED, output, null, null, last.previous);
                  }

                  @Override
                  public void failed(StatesError error, Lane last) {
                    end(ExecutionStatus.FAILED, null, error.error(), error.cause(), last.previous);
                  }
                }));
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

  /** What a block (the execution, a branch, an iteration) does when it ends. */
  private interface BlockDone {
    void succeeded(JsonNode output, Lane lane);

    void failed(StatesError error, Lane lane);
  }

  /** One visit of a state: from its Entered event to its Exited event (or failure). */
  private static final class Visit {
    final StatesBlock block;
    final State state;
    final JsonNode input;
    final Scope scope;
    final Lane lane;
    final BlockDone done;
    final Instant entered;
    final long enteredEventId;
    final int[] retriesPerRetrier;
    int retryCount;

    Visit(
        StatesBlock block,
        State state,
        JsonNode input,
        Scope scope,
        Lane lane,
        BlockDone done,
        Instant entered,
        long enteredEventId,
        int retriers) {
      this.block = block;
      this.state = state;
      this.input = input;
      this.scope = scope;
      this.lane = lane;
      this.done = done;
      this.entered = entered;
      this.enteredEventId = enteredEventId;
      this.retriesPerRetrier = new int[retriers];
    }

    String name() {
      return state.name();
    }
  }

  private void runBlock(StatesBlock block, JsonNode input, Scope scope, Lane lane, BlockDone done) {
    runState(block, block.startAt(), input, scope, lane, done);
  }

  private void runState(
      StatesBlock block, String name, JsonNode input, Scope scope, Lane lane, BlockDone done) {
    State state = block.require(name);
    long enteredId =
        record(
            HistoryEventType.entered(state.type()),
            name,
            lane,
            new EventDetails.StateEntered(name, json(input)));
    Visit visit =
        new Visit(block, state, input, scope, lane, done, now(), enteredId, retriers(state).size());
    try {
      checkSize(input, visit);
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    if (state instanceof PassState pass) {
      pass(visit, pass);
    } else if (state instanceof TaskState task) {
      attemptTask(visit, task);
    } else if (state instanceof ChoiceState choice) {
      choice(visit, choice);
    } else if (state instanceof WaitState wait) {
      waitState(visit, wait);
    } else if (state instanceof SucceedState succeed) {
      succeed(visit, succeed);
    } else if (state instanceof FailState fail) {
      failState(visit, fail);
    } else if (state instanceof ParallelState parallel) {
      attemptParallel(visit, parallel);
    } else if (state instanceof MapState map) {
      attemptMap(visit, map);
    }
  }

  /** Ends a visit successfully: the Exited event, then the transition. */
  private void leave(Visit visit, JsonNode output, Transition transition) {
    try {
      checkSize(output, visit);
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    record(
        HistoryEventType.exited(visit.state.type()),
        visit.name(),
        visit.lane,
        new EventDetails.StateExited(visit.name(), json(output)));
    go(visit, output, transition);
  }

  private void go(Visit visit, JsonNode output, Transition transition) {
    if (transition instanceof Transition.Next next) {
      later(
          visit.scope,
          () -> runState(visit.block, next.state(), output, visit.scope, visit.lane, visit.done));
    } else {
      visit.done.succeeded(output, visit.lane);
    }
  }

  private void pass(Visit visit, PassState pass) {
    try {
      JsonNode context = context(visit);
      JsonNode effective = select(pass.inputPath(), visit.input, context, visit, "InputPath");
      if (!pass.parameters().isMissingNode()) {
        effective =
            engine.templates().evaluate(pass.parameters(), new PathContext(effective, context));
      }
      JsonNode result = pass.result().isMissingNode() ? effective : pass.result().deepCopy();
      JsonNode output = place(pass.resultPath(), visit.input, result);
      output = select(pass.outputPath(), output, context, visit, "OutputPath");
      leave(visit, output, pass.transition());
    } catch (StatesError e) {
      fail(visit, e);
    }
  }

  private void choice(Visit visit, ChoiceState choice) {
    try {
      JsonNode context = context(visit);
      JsonNode effective = select(choice.inputPath(), visit.input, context, visit, "InputPath");
      PathContext ctx = new PathContext(effective, context);
      String next = null;
      for (ChoiceBranch branch : choice.choices()) {
        if (branch.matches(ctx)) {
          next = branch.next();
          break;
        }
      }
      if (next == null) {
        next =
            choice
                .defaultNext()
                .orElseThrow(
                    () ->
                        new StatesError(
                            StatesError.NO_CHOICE_MATCHED,
                            "No Choice Rule of state '"
                                + choice.name()
                                + "' matched the input '"
                                + json(effective)
                                + "' and it has no Default"));
      }
      JsonNode output = select(choice.outputPath(), effective, context, visit, "OutputPath");
      leave(visit, output, Transition.next(next));
    } catch (StatesError e) {
      fail(visit, e);
    }
  }

  private void waitState(Visit visit, WaitState wait) {
    JsonNode context = context(visit);
    JsonNode effective;
    Instant until;
    try {
      effective = select(wait.inputPath(), visit.input, context, visit, "InputPath");
      until = waitUntil(wait, effective, context, visit);
      // Developer guide, Wait state: a Standard workflow waits at most one year.
      if (until.isAfter(now().plus(MAX_DURATION))) {
        throw new StatesError(
            StatesError.RUNTIME,
            "Wait state delay is too long: state '"
                + visit.name()
                + "' would wait until "
                + until
                + ", more than one year");
      }
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    engine
        .scheduler()
        .schedule(
            until,
            guarded(
                visit.scope,
                () -> {
                  try {
                    JsonNode output =
                        select(wait.outputPath(), effective, context, visit, "OutputPath");
                    leave(visit, output, wait.transition());
                  } catch (StatesError e) {
                    fail(visit, e);
                  }
                }));
  }

  private Instant waitUntil(WaitState wait, JsonNode effective, JsonNode context, Visit visit) {
    WaitTime time = wait.waitTime();
    if (time instanceof WaitTime.Seconds seconds) {
      return now().plusSeconds(seconds.seconds());
    }
    if (time instanceof WaitTime.Timestamp timestamp) {
      return timestamp.timestamp();
    }
    if (time instanceof WaitTime.SecondsPath secondsPath) {
      JsonNode value = read(secondsPath.path(), effective, context, visit, "SecondsPath");
      if (!value.isIntegralNumber() || value.asLong() < 0) {
        throw new StatesError(
            StatesError.RUNTIME,
            "The SecondsPath '"
                + secondsPath.path()
                + "' of state '"
                + visit.name()
                + "' must select a non-negative integer, got "
                + json(value));
      }
      return now().plusSeconds(value.asLong());
    }
    WaitTime.TimestampPath timestampPath = (WaitTime.TimestampPath) time;
    JsonNode value = read(timestampPath.path(), effective, context, visit, "TimestampPath");
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        // Falls through to the error below, which quotes the value.
      }
    }
    throw new StatesError(
        StatesError.RUNTIME,
        "The TimestampPath '"
            + timestampPath.path()
            + "' of state '"
            + visit.name()
            + "' must select an RFC 3339 timestamp, got "
            + json(value));
  }

  private void succeed(Visit visit, SucceedState succeed) {
    try {
      JsonNode context = context(visit);
      JsonNode effective = select(succeed.inputPath(), visit.input, context, visit, "InputPath");
      JsonNode output = select(succeed.outputPath(), effective, context, visit, "OutputPath");
      leave(visit, output, Transition.end());
    } catch (StatesError e) {
      fail(visit, e);
    }
  }

  private void failState(Visit visit, FailState fail) {
    StatesError error;
    try {
      JsonNode context = context(visit);
      String name = text(fail.error(), visit, context, "ErrorPath");
      String cause = text(fail.cause(), visit, context, "CausePath");
      error = name == null ? StatesError.unnamed(cause) : new StatesError(name, cause);
    } catch (StatesError e) {
      error = e;
    }
    visit.done.failed(error, visit.lane);
  }

  private String text(TextSource source, Visit visit, JsonNode context, String field) {
    if (source instanceof TextSource.Literal literal) {
      return literal.text();
    }
    if (source instanceof TextSource.Expression expression) {
      String text = expression.expression();
      JsonNode value =
          IntrinsicFunctions.isIntrinsic(text)
              ? engine.intrinsics().evaluate(text, new PathContext(visit.input, context))
              : read(text, visit.input, context, visit, field);
      if (!value.isTextual()) {
        throw new StatesError(
            StatesError.RUNTIME,
            "The "
                + field
                + " '"
                + text
                + "' of state '"
                + visit.name()
                + "' must produce a string, got "
                + json(value));
      }
      return value.asText();
    }
    return null;
  }

  // ---------------------------------------------------------------- Task

  private void attemptTask(Visit visit, TaskState task) {
    JsonNode context = context(visit);
    JsonNode parameters;
    long timeout;
    long heartbeat;
    try {
      JsonNode effective = select(task.inputPath(), visit.input, context, visit, "InputPath");
      parameters =
          task.parameters().isMissingNode()
              ? effective
              : engine.templates().evaluate(task.parameters(), new PathContext(effective, context));
      checkSize(parameters, visit);
      timeout = seconds(task.timeout(), effective, context, visit, "TimeoutSecondsPath");
      heartbeat = seconds(task.heartbeat(), effective, context, visit, "HeartbeatSecondsPath");
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    TaskResource resource = task.resource();
    boolean lambdaArn = resource instanceof TaskResource.LambdaFunction;
    if (lambdaArn) {
      record(
          HistoryEventType.LambdaFunctionScheduled,
          visit.name(),
          visit.lane,
          new EventDetails.LambdaFunctionScheduled(resource.arn(), json(parameters), timeout));
      record(HistoryEventType.LambdaFunctionStarted, visit.name(), visit.lane, EventDetails.none());
    } else {
      record(
          HistoryEventType.TaskScheduled,
          visit.name(),
          visit.lane,
          new EventDetails.TaskScheduled(
              resource.resourceType(),
              resource.resourceName(),
              LocalAccount.REGION,
              json(parameters),
              timeout,
              heartbeat));
      record(
          HistoryEventType.TaskStarted,
          visit.name(),
          visit.lane,
          new EventDetails.TaskStarted(resource.resourceType(), resource.resourceName()));
    }
    TaskOutcome outcome =
        invoke(
            new TaskInvocation(
                execution.executionArn(),
                visit.name(),
                resource,
                parameters,
                context,
                visit.retryCount,
                timeout,
                now()));
    Duration limit = Duration.ofSeconds(timeout > 0 ? timeout : TaskState.MAX_TIMEOUT_SECONDS);
    if (outcome.duration().compareTo(limit) > 0) {
      taskEndsLater(
          visit,
          limit,
          () ->
              taskTimedOut(
                  visit,
                  task,
                  StatesError.TIMEOUT,
                  "The task did not finish within its TimeoutSeconds (" + limit.toSeconds() + ")"));
    } else if (heartbeat > 0 && outcome.duration().compareTo(Duration.ofSeconds(heartbeat)) > 0) {
      // In-process tasks never send heartbeats, so a task that runs past HeartbeatSeconds
      // fails with States.HeartbeatTimeout at that instant.
      taskEndsLater(
          visit,
          Duration.ofSeconds(heartbeat),
          () ->
              taskTimedOut(
                  visit,
                  task,
                  StatesError.HEARTBEAT_TIMEOUT,
                  "The task sent no heartbeat within its "
                      + "HeartbeatSeconds ("
                      + heartbeat
                      + ")"));
    } else {
      taskEndsLater(visit, outcome.duration(), () -> taskFinished(visit, task, outcome));
    }
  }

  private TaskOutcome invoke(TaskInvocation invocation) {
    try {
      return invoker.invoke(invocation);
    } catch (RuntimeException e) {
      return TaskOutcome.failed(
          StatesError.TASK_FAILED, "The task resource failed unexpectedly: " + e);
    }
  }

  private void taskEndsLater(Visit visit, Duration after, Runnable action) {
    engine.scheduler().schedule(now().plus(after), guarded(visit.scope, action));
  }

  private void taskTimedOut(Visit visit, TaskState task, String error, String cause) {
    TaskResource resource = task.resource();
    if (resource instanceof TaskResource.LambdaFunction) {
      record(
          HistoryEventType.LambdaFunctionTimedOut,
          visit.name(),
          visit.lane,
          new EventDetails.LambdaFunctionFailure(error, cause));
    } else {
      record(
          HistoryEventType.TaskTimedOut,
          visit.name(),
          visit.lane,
          new EventDetails.TaskFailure(
              resource.resourceType(), resource.resourceName(), error, cause));
    }
    handleError(visit, new StatesError(error, cause), () -> attemptTask(visit, task));
  }

  private void taskFinished(Visit visit, TaskState task, TaskOutcome outcome) {
    TaskResource resource = task.resource();
    boolean lambdaArn = resource instanceof TaskResource.LambdaFunction;
    if (outcome instanceof TaskOutcome.Failed failed) {
      if (lambdaArn) {
        record(
            HistoryEventType.LambdaFunctionFailed,
            visit.name(),
            visit.lane,
            new EventDetails.LambdaFunctionFailure(failed.error(), failed.cause()));
      } else {
        record(
            HistoryEventType.TaskFailed,
            visit.name(),
            visit.lane,
            new EventDetails.TaskFailure(
                resource.resourceType(), resource.resourceName(), failed.error(), failed.cause()));
      }
      handleError(
          visit, new StatesError(failed.error(), failed.cause()), () -> attemptTask(visit, task));
      return;
    }
    JsonNode result = ((TaskOutcome.Succeeded) outcome).result();
    if (lambdaArn) {
      record(
          HistoryEventType.LambdaFunctionSucceeded,
          visit.name(),
          visit.lane,
          new EventDetails.LambdaFunctionSucceeded(json(result)));
    } else {
      record(
          HistoryEventType.TaskSucceeded,
          visit.name(),
          visit.lane,
          new EventDetails.TaskSucceeded(
              resource.resourceType(), resource.resourceName(), json(result)));
    }
    try {
      checkSize(result, visit);
      JsonNode output =
          processResult(visit, result, task.resultSelector(), task.resultPath(), task.outputPath());
      leave(visit, output, task.transition());
    } catch (StatesError e) {
      handleError(visit, e, () -> attemptTask(visit, task));
    }
  }

  /** ResultSelector, ResultPath and OutputPath, in that order. */
  private JsonNode processResult(
      Visit visit,
      JsonNode result,
      JsonNode resultSelector,
      ResultPlacement resultPath,
      PathSelection outputPath) {
    JsonNode context = context(visit);
    JsonNode selected =
        resultSelector.isMissingNode()
            ? result
            : engine.templates().evaluate(resultSelector, new PathContext(result, context));
    JsonNode output = place(resultPath, visit.input, selected);
    return select(outputPath, output, context, visit, "OutputPath");
  }

  private long seconds(
      TimeoutSetting setting, JsonNode effective, JsonNode context, Visit visit, String field) {
    if (setting instanceof TimeoutSetting.Fixed fixed) {
      return fixed.seconds();
    }
    if (setting instanceof TimeoutSetting.FromPath path) {
      JsonNode value = read(path.path(), effective, context, visit, field);
      if (!value.isIntegralNumber() || value.asLong() < 1) {
        throw new StatesError(
            StatesError.RUNTIME,
            "The "
                + field
                + " '"
                + path.path()
                + "' of state '"
                + visit.name()
                + "' must select a positive integer, got "
                + json(value));
      }
      return value.asLong();
    }
    return 0;
  }

  // ---------------------------------------------------------------- Parallel

  private void attemptParallel(Visit visit, ParallelState parallel) {
    JsonNode input;
    try {
      JsonNode context = context(visit);
      JsonNode effective = select(parallel.inputPath(), visit.input, context, visit, "InputPath");
      input =
          parallel.parameters().isMissingNode()
              ? effective
              : engine
                  .templates()
                  .evaluate(parallel.parameters(), new PathContext(effective, context));
      checkSize(input, visit);
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    record(HistoryEventType.ParallelStateStarted, visit.name(), visit.lane, EventDetails.none());
    Scope attempt = visit.scope.child();
    int count = parallel.branches().size();
    JsonNode[] results = new JsonNode[count];
    int[] remaining = {count};
    boolean[] failed = {false};
    long started = visit.lane.previous;
    for (int i = 0; i < count; i++) {
      int index = i;
      Scope branchScope = attempt.child();
      Lane branchLane = new Lane(started);
      StatesBlock branch = parallel.branches().get(i);
      JsonNode branchInput = input.deepCopy();
      later(
          branchScope,
          () ->
              runBlock(
                  branch,
                  branchInput,
                  branchScope,
                  branchLane,
                  new BlockDone() {
                    @Override
                    public void succeeded(JsonNode output, Lane lane) {
                      if (failed[0]) {
                        return;
                      }
                      results[index] = output;
                      if (--remaining[0] == 0) {
                        visit.lane.previous = lane.previous;
                        record(
                            HistoryEventType.ParallelStateSucceeded,
                            visit.name(),
                            visit.lane,
                            EventDetails.none());
                        ArrayNode array = JSON.arrayNode();
                        for (JsonNode result : results) {
                          array.add(result);
                        }
                        completeWithResult(
                            visit,
                            array,
                            parallel.resultSelector(),
                            parallel.resultPath(),
                            parallel.outputPath(),
                            parallel.transition(),
                            () -> attemptParallel(visit, parallel));
                      }
                    }

                    @Override
                    public void failed(StatesError error, Lane lane) {
                      if (failed[0]) {
                        return;
                      }
                      failed[0] = true;
                      // One branch failed: the others stop, and the state fails with its error.
                      attempt.abort();
                      visit.lane.previous = lane.previous;
                      record(
                          HistoryEventType.ParallelStateFailed,
                          visit.name(),
                          visit.lane,
                          EventDetails.none());
                      handleError(visit, error, () -> attemptParallel(visit, parallel));
                    }
                  }));
    }
  }

  private void completeWithResult(
      Visit visit,
      JsonNode result,
      JsonNode resultSelector,
      ResultPlacement resultPath,
      PathSelection outputPath,
      Transition transition,
      Runnable retry) {
    try {
      checkSize(result, visit);
      JsonNode output = processResult(visit, result, resultSelector, resultPath, outputPath);
      leave(visit, output, transition);
    } catch (StatesError e) {
      handleError(visit, e, retry);
    }
  }

  // ---------------------------------------------------------------- Map

  private void attemptMap(Visit visit, MapState map) {
    JsonNode context = context(visit);
    JsonNode effective;
    JsonNode items;
    int maxConcurrency;
    try {
      effective = select(map.inputPath(), visit.input, context, visit, "InputPath");
      items = read(map.itemsPath(), effective, context, visit, "ItemsPath");
      if (!items.isArray()) {
        throw new StatesError(
            StatesError.RUNTIME,
            "The ItemsPath '"
                + map.itemsPath()
                + "' of state '"
                + map.name()
                + "' must select a JSON array, got "
                + json(items));
      }
      maxConcurrency = maxConcurrency(map.maxConcurrency(), effective, context, visit);
    } catch (StatesError e) {
      fail(visit, e);
      return;
    }
    record(
        HistoryEventType.MapStateStarted,
        visit.name(),
        visit.lane,
        new EventDetails.MapStateStarted(items.size()));
    new MapRun(visit, map, effective, context, items, maxConcurrency).launch();
  }

  private int maxConcurrency(
      MapConcurrency setting, JsonNode effective, JsonNode context, Visit visit) {
    if (setting instanceof MapConcurrency.Fixed fixed) {
      return fixed.max();
    }
    String path = ((MapConcurrency.FromPath) setting).path();
    JsonNode value = read(path, effective, context, visit, "MaxConcurrencyPath");
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
      throw new StatesError(
          StatesError.RUNTIME,
          "The MaxConcurrencyPath '"
              + path
              + "' of state '"
              + visit.name()
              + "' must select a non-negative integer, got "
              + json(value));
    }
    return value.intValue();
  }

  /** One attempt of a Map state: starts iterations as MaxConcurrency allows. */
  private final class MapRun {
    private final Visit visit;
    private final MapState map;
    private final JsonNode effective;
    private final JsonNode context;
    private final JsonNode items;
    private final int maxConcurrency;
    private final Scope attempt;
    private final JsonNode[] results;
    private final Scope[] running;
    private final long started;
    private int nextIndex;
    private int active;
    private int finished;
    private boolean failed;

    MapRun(
        Visit visit,
        MapState map,
        JsonNode effective,
        JsonNode context,
        JsonNode items,
        int maxConcurrency) {
      this.visit = visit;
      this.map = map;
      this.effective = effective;
      this.context = context;
      this.items = items;
      this.maxConcurrency = maxConcurrency;
      this.attempt = visit.scope.child();
      this.results = new JsonNode[items.size()];
      this.running = new Scope[items.size()];
      this.started = visit.lane.previous;
    }

    void launch() {
      if (items.isEmpty()) {
        succeed(visit.lane.previous);
        return;
      }
      while (!failed
          && nextIndex < items.size()
          && (maxConcurrency == 0 || active < maxConcurrency)) {
        startIteration(nextIndex++);
      }
    }

    private void startIteration(int index) {
      JsonNode item = items.get(index);
      JsonNode input;
      try {
        if (map.itemSelector().isMissingNode()) {
          input = item.deepCopy();
        } else {
          ObjectNode itemContext = context.deepCopy();
          ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
          mapItem.put("Index", index);
          mapItem.set("Value", item.deepCopy());
          input =
              engine
                  .templates()
                  .evaluate(map.itemSelector(), new PathContext(effective, itemContext));
        }
      } catch (StatesError e) {
        fail(e, visit.lane.previous);
        return;
      }
      active++;
      Scope scope = attempt.child();
      running[index] = scope;
      Lane lane = new Lane(started);
      record(
          HistoryEventType.MapIterationStarted,
          visit.name(),
          lane,
          new EventDetails.MapIteration(map.name(), index));
      later(
          scope,
          () ->
              runBlock(
                  map.itemProcessor(),
                  input,
                  scope,
                  lane,
                  new BlockDone() {
                    @Override
                    public void succeeded(JsonNode output, Lane last) {
                      if (failed) {
                        return;
                      }
                      record(
                          HistoryEventType.MapIterationSucceeded,
                          visit.name(),
                          last,
                          new EventDetails.MapIteration(map.name(), index));
                      running[index] = null;
                      results[index] = output;
                      active--;
                      finished++;
                      if (finished == items.size()) {
                        succeed(last.previous);
                      } else {
                        launch();
                      }
                    }

                    @Override
                    public void failed(StatesError error, Lane last) {
                      if (failed) {
                        return;
                      }
                      record(
                          HistoryEventType.MapIterationFailed,
                          visit.name(),
                          last,
                          new EventDetails.MapIteration(map.name(), index));
                      running[index] = null;
                      fail(error, last.previous);
                    }
                  }));
    }

    private void succeed(long previous) {
      visit.lane.previous = previous;
      record(HistoryEventType.MapStateSucceeded, visit.name(), visit.lane, EventDetails.none());
      ArrayNode array = JSON.arrayNode();
      for (JsonNode result : results) {
        array.add(result);
      }
      completeWithResult(
          visit,
          array,
          map.resultSelector(),
          map.resultPath(),
          map.outputPath(),
          map.transition(),
          () -> attemptMap(visit, map));
    }

    /** One iteration failed: the others stop, and the state fails with its error. */
    private void fail(StatesError error, long previous) {
      failed = true;
      for (int i = 0; i < running.length; i++) {
        if (running[i] != null) {
          running[i].abort();
          running[i] = null;
          record(
              HistoryEventType.MapIterationAborted,
              visit.name(),
              new Lane(previous),
              new EventDetails.MapIteration(map.name(), i));
        }
      }
      attempt.abort();
      visit.lane.previous = previous;
      record(HistoryEventType.MapStateFailed, visit.name(), visit.lane, EventDetails.none());
      handleError(visit, error, () -> attemptMap(visit, map));
    }
  }

  // ---------------------------------------------------------------- errors

  /** A state's error with no retry possible (Pass, Choice, Wait, Succeed, input processing). */
  private void fail(Visit visit, StatesError error) {
    State state = visit.state;
    if (state instanceof TaskState task) {
      handleError(visit, error, () -> attemptTask(visit, task));
    } else if (state instanceof ParallelState parallel) {
      handleError(visit, error, () -> attemptParallel(visit, parallel));
    } else if (state instanceof MapState map) {
      handleError(visit, error, () -> attemptMap(visit, map));
    } else {
      visit.done.failed(error, visit.lane);
    }
  }

  /**
   * Retry, then Catch, then fail the block. The first retrier whose ErrorEquals matches decides:
   * when it has attempts left the state runs again after its delay, otherwise no retrier is used.
   * Then the first matching catcher moves on with the error output at its ResultPath.
   */
  private void handleError(Visit visit, StatesError error, Runnable retry) {
    List<Retrier> retriers = retriers(visit.state);
    for (int i = 0; i < retriers.size(); i++) {
      Retrier retrier = retriers.get(i);
      if (!ErrorMatcher.matches(retrier.errorEquals(), error.error())) {
        continue;
      }
      int done = visit.retriesPerRetrier[i];
      if (done < retrier.maxAttempts()) {
        visit.retriesPerRetrier[i] = done + 1;
        visit.retryCount++;
        Duration delay = retrier.delayBefore(done);
        if (retrier.jitterStrategy() == JitterStrategy.FULL) {
          delay = Duration.ofMillis(Math.round(engine.random().nextDouble() * delay.toMillis()));
        }
        engine.scheduler().schedule(now().plus(delay), guarded(visit.scope, retry));
        return;
      }
      break;
    }
    for (Catcher catcher : catchers(visit.state)) {
      if (!ErrorMatcher.matches(catcher.errorEquals(), error.error())) {
        continue;
      }
      ObjectNode errorOutput = JSON.objectNode();
      if (error.error() != null) {
        errorOutput.put("Error", error.error());
      }
      if (error.cause() != null) {
        errorOutput.put("Cause", error.cause());
      }
      JsonNode output;
      try {
        output = place(catcher.resultPath(), visit.input, errorOutput);
      } catch (StatesError placementError) {
        visit.done.failed(placementError, visit.lane);
        return;
      }
      leave(visit, output, Transition.next(catcher.next()));
      return;
    }
    visit.done.failed(error, visit.lane);
  }

  private static List<Retrier> retriers(State state) {
    return state instanceof ErrorHandling handling ? handling.retry() : List.of();
  }

  private static List<Catcher> catchers(State state) {
    return state instanceof ErrorHandling handling ? handling.catchers() : List.of();
  }

  // ---------------------------------------------------------------- data

  private ObjectNode context(Visit visit) {
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

  private JsonNode select(
      PathSelection selection, JsonNode input, JsonNode context, Visit visit, String field) {
    if (selection instanceof PathSelection.Discard) {
      return JSON.objectNode();
    }
    String path = ((PathSelection.Select) selection).path();
    if (path.equals("$")) {
      return input;
    }
    return read(path, input, context, visit, field);
  }

  /** Reads a path; a path that selects nothing is States.Runtime, as Step Functions reports. */
  private JsonNode read(String path, JsonNode input, JsonNode context, Visit visit, String field) {
    try {
      return JsonPathReader.read(path, new PathContext(input, context));
    } catch (PathNotFoundException e) {
      throw new StatesError(
          StatesError.RUNTIME,
          "An error occurred while executing the state '"
              + visit.name()
              + "' (entered at the event id #"
              + visit.enteredEventId
              + "). Invalid "
              + "path '"
              + path
              + "' in "
              + field
              + ": "
              + e.getMessage());
    }
  }

  private static JsonNode place(ResultPlacement placement, JsonNode input, JsonNode result) {
    if (placement instanceof ResultPlacement.Discard) {
      return input;
    }
    return ((ResultPlacement.Place) placement).path().set(input, result);
  }

  private void checkSize(JsonNode value, Visit visit) {
    if (json(value).getBytes(StandardCharsets.UTF_8).length > PAYLOAD_LIMIT_BYTES) {
      throw new StatesError(
          StatesError.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + visit.name()
              + "' returned a result with a size exceeding the maximum number of bytes service "
              + "limit.");
    }
  }

  // ---------------------------------------------------------------- plumbing

  private long record(HistoryEventType type, String stateName, Lane lane, EventDetails details) {
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
  private void later(Scope scope, Runnable action) {
    engine.scheduler().schedule(now(), guarded(scope, action));
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

  private Instant now() {
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
