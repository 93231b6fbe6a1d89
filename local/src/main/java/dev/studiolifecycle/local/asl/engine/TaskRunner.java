package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.NumberSetting;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import java.time.Duration;

/**
 * A Task state: its resource invoked with its Parameters, the outcome taking effect after the
 * task's duration, or a timeout when TimeoutSeconds or HeartbeatSeconds comes first. A function
 * given by its bare ARN records LambdaFunction* events, everything else Task* events.
 */
record TaskRunner(ExecutionRun run, TaskState task) implements StateRunner {

  /** What an attempt sends, and the time limits it runs under. */
  private record Prepared(JsonNode parameters, JsonNode context, long timeout, long heartbeat) {}

  @Override
  public void attempt(Visit visit) {
    Prepared prepared;
    try {
      prepared = prepare(visit);
    } catch (StatesError e) {
      run.fail(visit, e);
      return;
    }
    recordStart(visit, prepared);
    TaskOutcome outcome =
        invoke(
            new TaskInvocation(
                run.execution().executionArn(),
                visit.name(),
                task.resource(),
                prepared.parameters(),
                prepared.context(),
                visit.retryCount,
                prepared.timeout(),
                run.now()));
    long timeout = prepared.timeout();
    long heartbeat = prepared.heartbeat();
    Duration limit = Duration.ofSeconds(timeout > 0 ? timeout : TaskState.MAX_TIMEOUT_SECONDS);
    if (outcome instanceof TaskOutcome.Submitted submitted) {
      awaitJob(visit, submitted, limit, heartbeat);
    } else if (outcome.duration().compareTo(limit) > 0) {
      endsAfter(
          visit,
          limit,
          () ->
              timedOut(
                  visit,
                  StatesError.TIMEOUT,
                  "The task did not finish within its TimeoutSeconds (" + limit.toSeconds() + ")"));
    } else if (heartbeat > 0 && outcome.duration().compareTo(Duration.ofSeconds(heartbeat)) > 0) {
      // In-process tasks never send heartbeats, so a task that runs past HeartbeatSeconds
      // fails with States.HeartbeatTimeout at that instant.
      endsAfter(
          visit,
          Duration.ofSeconds(heartbeat),
          () ->
              timedOut(
                  visit,
                  StatesError.HEARTBEAT_TIMEOUT,
                  "The task sent no heartbeat within its HeartbeatSeconds (" + heartbeat + ")"));
    } else {
      endsAfter(visit, outcome.duration(), () -> finished(visit, outcome));
    }
  }

  /**
   * A .sync task: TaskSubmitted with the start call's response, then the job's end, a timeout, or
   * the abort of the scope the task runs in, whichever comes first; the job is stopped unless it
   * ended by itself (developer guide, "Run a Job (.sync)": Step Functions stops the job when the
   * task is stopped or times out).
   */
  private void awaitJob(
      Visit visit, TaskOutcome.Submitted submitted, Duration limit, long heartbeat) {
    TaskResource resource = task.resource();
    run.record(
        visit,
        HistoryEventType.TaskSubmitted,
        new EventDetails.TaskSucceeded(
            resource.resourceType(),
            resource.resourceName(),
            ExecutionRun.json(submitted.response())));
    Job job = new Job(visit, submitted);
    job.stopOnAbort = visit.scope.whenAborted(() -> job.stop("was aborted"));
    submitted
        .ended()
        .whenComplete(
            (ignored, error) ->
                run.schedule(run.now(), visit.scope, () -> job.settle(submitted.result())));
    boolean heartbeatFirst = heartbeat > 0 && Duration.ofSeconds(heartbeat).compareTo(limit) < 0;
    endsAfter(
        visit,
        heartbeatFirst ? Duration.ofSeconds(heartbeat) : limit,
        () -> {
          if (job.stop("timed out")) {
            if (heartbeatFirst) {
              timedOut(
                  visit,
                  StatesError.HEARTBEAT_TIMEOUT,
                  "The task sent no heartbeat within its HeartbeatSeconds (" + heartbeat + ")");
            } else {
              timedOut(
                  visit,
                  StatesError.TIMEOUT,
                  "The task did not finish within its TimeoutSeconds (" + limit.toSeconds() + ")");
            }
          }
        });
  }

  /** A .sync job in flight: it settles once, by its end, a timeout or an abort. */
  private final class Job {
    private final Visit visit;
    private final TaskOutcome.Submitted submitted;
    private Scope.Hook stopOnAbort = () -> {};
    private boolean settled;

    Job(Visit visit, TaskOutcome.Submitted submitted) {
      this.visit = visit;
      this.submitted = submitted;
    }

    /** The job ended by itself: the task completes with its outcome. */
    void settle(java.util.function.Supplier<TaskOutcome> outcome) {
      if (!settled) {
        settled = true;
        stopOnAbort.remove();
        finished(visit, outcome.get());
      }
    }

    /** Stops the job unless it has settled; true when this call settled it. */
    boolean stop(String why) {
      if (settled) {
        return false;
      }
      settled = true;
      stopOnAbort.remove();
      submitted
          .stop()
          .accept(
              "The Task state in AWS Step Functions execution ["
                  + run.execution().executionArn()
                  + "] which was managing this resource "
                  + why);
      return true;
    }
  }

  private Prepared prepare(Visit visit) {
    JsonNode context = run.context(visit);
    JsonNode effective =
        PathValues.select(task.inputPath(), visit.input, context, visit, "InputPath");
    JsonNode parameters =
        StateValues.arguments(run, visit, context, effective, task.jsonata(), task.parameters());
    long timeout = seconds(task.timeout(), effective, context, visit, "TimeoutSeconds");
    long heartbeat = seconds(task.heartbeat(), effective, context, visit, "HeartbeatSeconds");
    return new Prepared(parameters, context, timeout, heartbeat);
  }

  private boolean lambdaArn() {
    return task.resource() instanceof TaskResource.LambdaFunction;
  }

  private void recordStart(Visit visit, Prepared prepared) {
    TaskResource resource = task.resource();
    String parameters = ExecutionRun.json(prepared.parameters());
    if (lambdaArn()) {
      run.record(
          visit,
          HistoryEventType.LambdaFunctionScheduled,
          new EventDetails.LambdaFunctionScheduled(resource.arn(), parameters, prepared.timeout()));
      run.record(visit, HistoryEventType.LambdaFunctionStarted, EventDetails.none());
    } else {
      run.record(
          visit,
          HistoryEventType.TaskScheduled,
          new EventDetails.TaskScheduled(
              resource.resourceType(),
              resource.resourceName(),
              LocalAccount.REGION,
              parameters,
              prepared.timeout(),
              prepared.heartbeat()));
      run.record(
          visit,
          HistoryEventType.TaskStarted,
          new EventDetails.TaskStarted(resource.resourceType(), resource.resourceName()));
    }
  }

  private TaskOutcome invoke(TaskInvocation invocation) {
    try {
      return run.invoker().invoke(invocation);
    } catch (RuntimeException e) {
      return TaskOutcome.failed(
          StatesError.TASK_FAILED, "The task resource failed unexpectedly: " + e);
    }
  }

  private void endsAfter(Visit visit, Duration after, Runnable action) {
    run.schedule(run.now().plus(after), visit.scope, action);
  }

  private void timedOut(Visit visit, String error, String cause) {
    recordFailure(visit, true, error, cause);
    run.fail(visit, new StatesError(error, cause));
  }

  private void finished(Visit visit, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Failed failed) {
      recordFailure(visit, false, failed.error(), failed.cause());
      run.fail(visit, new StatesError(failed.error(), failed.cause()));
      return;
    }
    JsonNode result = ((TaskOutcome.Succeeded) outcome).result();
    recordSuccess(visit, result);
    run.complete(visit, result, task.handling(), task.transition());
  }

  private void recordFailure(Visit visit, boolean timedOut, String error, String cause) {
    TaskResource resource = task.resource();
    if (lambdaArn()) {
      run.record(
          visit,
          timedOut
              ? HistoryEventType.LambdaFunctionTimedOut
              : HistoryEventType.LambdaFunctionFailed,
          new EventDetails.LambdaFunctionFailure(error, cause));
    } else {
      run.record(
          visit,
          timedOut ? HistoryEventType.TaskTimedOut : HistoryEventType.TaskFailed,
          new EventDetails.TaskFailure(
              resource.resourceType(), resource.resourceName(), error, cause));
    }
  }

  private void recordSuccess(Visit visit, JsonNode result) {
    TaskResource resource = task.resource();
    if (lambdaArn()) {
      run.record(
          visit,
          HistoryEventType.LambdaFunctionSucceeded,
          new EventDetails.LambdaFunctionSucceeded(ExecutionRun.json(result)));
    } else {
      run.record(
          visit,
          HistoryEventType.TaskSucceeded,
          new EventDetails.TaskSucceeded(
              resource.resourceType(), resource.resourceName(), ExecutionRun.json(result)));
    }
  }

  private long seconds(
      NumberSetting setting, JsonNode effective, JsonNode context, Visit visit, String field) {
    return StateValues.number(
        run,
        setting,
        visit,
        effective,
        context,
        field,
        value -> value.isIntegralNumber() && value.asLong() >= 1,
        "a positive integer");
  }
}
