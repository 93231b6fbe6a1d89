package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.MapRun;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One reconcile of a local deployment, as an operator or the nightly schedule starts it: the HR
 * roster uploaded to the reconcile bucket under {@code roster/}, the reconcile state machine run in
 * virtual time (telling its progress about once a wall-clock second), and what it found and did.
 */
public final class ReconcileRun {

  /** The reconcile's state machine in template.yaml. */
  public static final String STATE_MACHINE = "ReconcileStateMachine";

  /** Where a run stands: the Map Run's items (zero before it starts) and throttled calls. */
  public record Progress(
      Duration virtual, long succeeded, long running, long failed, long pending, long throttled) {}

  /**
   * What a reconcile found and did: its execution, PlanReconcile's answer (or, when it could not
   * plan, the ReconcilePlanFailed notification with the error), the plan's items, the Map Run (none
   * in PLAN mode or when nothing was applied), the calls throttled meanwhile and how long it took
   * in virtual and wall-clock time.
   */
  public record Result(
      Execution execution,
      JsonNode planned,
      JsonNode planFailed,
      List<JsonNode> plan,
      Optional<MapRun> mapRun,
      long throttled,
      Duration virtual,
      Duration wall) {}

  private ReconcileRun() {}

  /** The bucket the template creates for rosters, plans and reports. */
  public static String bucket(LocalWorkflowRuntime runtime) {
    return runtime.template().s3Buckets().stream()
        .findFirst()
        .orElseThrow(() -> new BadInput("template.yaml creates no S3 bucket for the reconcile"));
  }

  /** Uploads {@code roster} as {@code roster/<fileName>}; returns its key. */
  public static String upload(LocalWorkflowRuntime runtime, String fileName, byte[] roster) {
    String key = "roster/" + fileName;
    try (EmulatorSdkClients clients =
        EmulatorSdkClients.connect(
            runtime.emulator(),
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                "studio-lifecycle-operator", "studio-lifecycle-operator"))) {
      clients
          .s3()
          .putObject(
              r -> r.bucket(bucket(runtime)).key(key),
              software.amazon.awssdk.core.sync.RequestBody.fromBytes(roster));
    }
    return key;
  }

  /**
   * Runs a reconcile started with {@code input} to its end; {@code progress} hears where it stands
   * about once a second of wall-clock time.
   */
  public static Result run(
      LocalWorkflowRuntime runtime,
      String executionName,
      JsonNode input,
      Consumer<Progress> progress) {
    StateMachine machine =
        runtime
            .stepFunctions()
            .stateMachine(STATE_MACHINE)
            .orElseThrow(() -> new BadInput("template.yaml has no " + STATE_MACHINE));
    return follow(runtime, () -> runtime.engine().start(machine, executionName, input), progress);
  }

  /**
   * Runs the reconcile that the template's schedule {@code scheduleLogicalId} starts, as
   * EventBridge Scheduler starts it (its role, its input, a name of Scheduler's making), to its
   * end.
   *
   * @throws BadInput when the schedule could not start it (its role may not, say), with why
   */
  public static Result runScheduled(
      LocalWorkflowRuntime runtime, String scheduleLogicalId, Consumer<Progress> progress) {
    return follow(runtime, () -> started(runtime.runSchedule(scheduleLogicalId)), progress);
  }

  private static Execution started(ScheduledStarts.Outcome outcome) {
    if (outcome instanceof ScheduledStarts.Outcome.Started started) {
      return started.execution();
    }
    if (outcome instanceof ScheduledStarts.Outcome.DeadLettered dead) {
      throw new BadInput(
          "the schedule could not start the reconcile ("
              + dead.error()
              + "); the event went to "
              + dead.queueArn());
    }
    throw new BadInput(
        "the schedule could not start the reconcile: "
            + ((ScheduledStarts.Outcome.Lost) outcome).error());
  }

  private static Result follow(
      LocalWorkflowRuntime runtime, Supplier<Execution> start, Consumer<Progress> progress) {
    long wallStart = System.nanoTime();
    Instant startTime = runtime.clock().instant();
    long throttledBefore = runtime.emulator().faults().throttledCalls();
    Execution execution = start.get();
    long[] lastReport = {System.nanoTime()};
    while (!execution.isDone()) {
      boolean more =
          runtime
              .engine()
              .scheduler()
              .runUntil(
                  () -> execution.isDone() || System.nanoTime() - lastReport[0] > 1_000_000_000L);
      if (!execution.isDone()) {
        if (!more) {
          throw new IllegalStateException("the reconcile cannot finish: nothing is scheduled");
        }
        lastReport[0] = System.nanoTime();
        progress.accept(progress(runtime, execution, startTime, throttledBefore));
      }
    }
    JsonNode planned = told(runtime, execution, "ReconcilePlanned");
    List<JsonNode> plan = new ArrayList<>();
    if (planned != null && planned.at("/plan/key").isTextual()) {
      runtime
          .emulator()
          .s3()
          .object(bucket(runtime), planned.at("/plan/key").asText())
          .map(ReconcileRun::parse)
          .ifPresent(items -> items.forEach(plan::add));
    }
    return new Result(
        execution,
        planned,
        told(runtime, execution, "ReconcilePlanFailed"),
        plan,
        mapRun(runtime, execution),
        runtime.emulator().faults().throttledCalls() - throttledBefore,
        Duration.between(startTime, runtime.clock().instant()),
        Duration.ofNanos(System.nanoTime() - wallStart));
  }

  /** The input of a reconcile: its mode, roster and whether a large offboarding is intended. */
  public static JsonNode input(String mode, String rosterKey, boolean allowLargeOffboarding) {
    ObjectNode input = LocalJson.MAPPER.createObjectNode().put("mode", mode);
    if (rosterKey != null) {
      input.put("rosterKey", rosterKey);
    }
    if (allowLargeOffboarding) {
      input.put("allowLargeOffboarding", true);
    }
    return input;
  }

  private static Progress progress(
      LocalWorkflowRuntime runtime, Execution execution, Instant start, long throttledBefore) {
    Optional<MapRun> mapRun = mapRun(runtime, execution);
    MapRun.Counts counts = mapRun.map(MapRun::itemCounts).orElse(null);
    return new Progress(
        Duration.between(start, runtime.clock().instant()),
        counts == null ? 0 : counts.succeeded(),
        counts == null ? 0 : counts.running(),
        counts == null ? 0 : counts.failed() + counts.timedOut() + counts.aborted(),
        counts == null ? 0 : counts.pending(),
        runtime.emulator().faults().throttledCalls() - throttledBefore);
  }

  private static Optional<MapRun> mapRun(LocalWorkflowRuntime runtime, Execution execution) {
    return runtime.engine().mapRuns().stream()
        .filter(run -> run.executionArn().equals(execution.executionArn()))
        .reduce((first, second) -> second);
  }

  /**
   * The reconcile's notification of {@code event}: ReconcilePlanned tells what PlanReconcile found
   * (counts, bad rows, refusals, where the plan is), ReconcilePlanFailed why it could not plan;
   * null when there is none.
   */
  private static JsonNode told(LocalWorkflowRuntime runtime, Execution execution, String event) {
    for (PublishedMessage message : runtime.notifications()) {
      JsonNode body = parse(message.message().getBytes(StandardCharsets.UTF_8));
      if (body.path("executionArn").asText().equals(execution.executionArn())
          && body.path("event").asText().equals(event)) {
        return body;
      }
    }
    return null;
  }

  /**
   * Why the reconcile could not plan, in a line: the error's name and, for a function's error, its
   * message (the Lambda runtime's {@code errorMessage}), else the cause as it is; empty when it
   * planned.
   */
  public static Optional<String> planFailure(Result result) {
    if (result.planFailed() == null) {
      return Optional.empty();
    }
    String cause = result.planFailed().path("cause").asText();
    String message = cause;
    try {
      JsonNode parsed = LocalJson.MAPPER.readTree(cause);
      if (parsed != null && parsed.path("errorMessage").isTextual()) {
        message = parsed.path("errorMessage").asText();
      }
    } catch (java.io.IOException e) {
      // Not a function's error: the cause is told as it is.
    }
    return Optional.of(result.planFailed().path("error").asText() + ": " + message);
  }

  private static JsonNode parse(byte[] json) {
    try {
      return LocalJson.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the reconcile wrote JSON that does not parse", e);
    }
  }
}
