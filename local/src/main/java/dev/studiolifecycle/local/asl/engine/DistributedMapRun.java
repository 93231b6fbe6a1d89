package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One Map Run in flight: starts child executions as MaxConcurrency allows, counts how they end, and
 * ends the state when all have ended or the tolerated failures are exceeded. Its parent's abort
 * stops every child still running. A redriven Map Run (developer guide, "Redriving Map Runs") keeps
 * the children that succeeded, redrives those that failed, timed out or were aborted, and starts
 * those never started.
 */
final class DistributedMapRun {

  private final ExecutionRun run;
  private final MapState map;
  private final Visit visit;
  private final DistributedMapRunner.Plan plan;
  private final MapRun mapRun;
  private final StateMachine childMachine;
  private final Deque<Integer> queue = new ArrayDeque<>();
  private Scope.Hook stopOnAbort = () -> {};
  private int active;
  private int ended;
  private long failedItems;
  private long totalItems;
  private boolean over;

  private DistributedMapRun(
      ExecutionRun run, MapState map, Visit visit, MapRun mapRun, StateMachine childMachine) {
    this.run = run;
    this.map = map;
    this.visit = visit;
    this.mapRun = mapRun;
    this.plan = mapRun.plan();
    this.childMachine = childMachine;
    plan.itemsPerInput().forEach(items -> totalItems += items);
  }

  /** A new Map Run of {@code plan}. */
  static DistributedMapRun start(
      ExecutionRun run, MapState map, Visit visit, DistributedMapRunner.Plan plan) {
    String stateMachineName = run.execution().stateMachine().name();
    String label =
        map.distributed().label() != null ? map.distributed().label() : run.engine().uuid();
    MapRun mapRun =
        new MapRun(
            LocalAccount.arn(
                "states", "mapRun:" + stateMachineName + "/" + label + ":" + run.engine().uuid()),
            run.execution().executionArn(),
            map.name(),
            run.now(),
            plan.maxConcurrency(),
            Math.max(plan.percentage(), 0),
            Math.max(plan.count(), 0));
    mapRun.planned(plan, run.execution().redriveCount());
    run.engine().register(mapRun);
    StateMachine children =
        StateMachine.mapRunChild(
            run.execution().stateMachine(), label, map.distributed().processor());
    DistributedMapRun started = new DistributedMapRun(run, map, visit, mapRun, children);
    for (int i = 0; i < plan.inputs().size(); i++) {
      started.queue.add(i);
    }
    run.record(
        visit, HistoryEventType.MapRunStarted, new EventDetails.MapRunStarted(mapRun.mapRunArn()));
    return started;
  }

  /** The redrive of {@code mapRun}: what did not succeed runs again. */
  static DistributedMapRun redrive(ExecutionRun run, MapState map, Visit visit, MapRun mapRun) {
    mapRun.redriven(run.execution().redriveCount());
    String label = mapRun.mapRunArn().split(":mapRun:")[1].split("/", 2)[1].split(":")[0];
    StateMachine children =
        StateMachine.mapRunChild(
            run.execution().stateMachine(), label, map.distributed().processor());
    DistributedMapRun redriven = new DistributedMapRun(run, map, visit, mapRun, children);
    for (int i = 0; i < redriven.plan.inputs().size(); i++) {
      Execution child = mapRun.child(i);
      if (child != null && child.status() == ExecutionStatus.SUCCEEDED) {
        redriven.ended++;
      } else {
        redriven.queue.add(i);
      }
    }
    run.record(
        visit,
        HistoryEventType.MapRunRedriven,
        new EventDetails.MapRunRedriven(mapRun.mapRunArn(), mapRun.redriveCount()));
    return redriven;
  }

  void launch() {
    stopOnAbort =
        visit.scope.whenAborted(
            () -> {
              if (!over) {
                over = true;
                stopChildren("the execution that runs the Map Run was stopped");
                mapRun.end(MapRun.Status.ABORTED, run.now());
              }
            });
    startMore();
  }

  private void startMore() {
    if (ended == plan.inputs().size()) {
      succeed();
      return;
    }
    while (!over && !queue.isEmpty() && active < plan.maxConcurrency()) {
      int index = queue.poll();
      Execution child = mapRun.child(index);
      try {
        if (child == null) {
          child =
              run.engine()
                  .startChild(childMachine, run.engine().uuid(), plan.inputs().get(index), run);
          mapRun.started(index, child);
        } else {
          java.util.Optional<String> denial =
              run.engine()
                  .mapRunServices()
                  .childRedriveDenial(run.execution().executionArn(), child.executionArn());
          if (denial.isPresent()) {
            fail(new StatesError(StatesError.RUNTIME, denial.get()));
            return;
          }
          run.engine().redrive(child);
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        fail(new StatesError(StatesError.RUNTIME, e.getMessage()));
        return;
      }
      active++;
      child
          .completion()
          .whenComplete(
              (done, error) -> run.schedule(run.now(), visit.scope, () -> childEnded(index)));
    }
  }

  private void childEnded(int index) {
    if (over) {
      return;
    }
    active--;
    ended++;
    if (mapRun.child(index).status() != ExecutionStatus.SUCCEEDED) {
      failedItems += plan.itemsPerInput().get(index);
    }
    if (exceeded()) {
      fail(
          new StatesError(
              DistributedMapRunner.EXCEEDED,
              "The specified tolerated failure threshold was exceeded"));
    } else {
      startMore();
    }
  }

  /**
   * Whether the failures so far exceed what is tolerated: more than ToleratedFailureCount, or more
   * than ToleratedFailurePercentage of all items; with neither set, any failure.
   */
  private boolean exceeded() {
    if (failedItems == 0) {
      return false;
    }
    boolean countSet = plan.count() >= 0;
    boolean percentageSet = plan.percentage() >= 0;
    if (!countSet && !percentageSet) {
      return true;
    }
    return (countSet && failedItems > plan.count())
        || (percentageSet && failedItems * 100.0 / totalItems > plan.percentage());
  }

  private void succeed() {
    over = true;
    stopOnAbort.remove();
    JsonNode result;
    try {
      result = results();
    } catch (StatesError e) {
      mapRun.end(MapRun.Status.FAILED, run.now());
      run.fail(visit, e);
      return;
    }
    mapRun.end(MapRun.Status.SUCCEEDED, run.now());
    run.record(visit, HistoryEventType.MapRunSucceeded, EventDetails.none());
    run.complete(visit, result, map.handling(), map.transition());
  }

  private void fail(StatesError error) {
    over = true;
    stopOnAbort.remove();
    stopChildren("the Map Run failed: " + error.cause());
    StatesError reported = error;
    if (plan.destination() != null) {
      try {
        results();
      } catch (StatesError writeFailed) {
        reported = writeFailed;
      }
    }
    mapRun.end(MapRun.Status.FAILED, run.now());
    run.record(
        visit,
        HistoryEventType.MapRunFailed,
        new EventDetails.ExecutionFailure(reported.error(), reported.cause()));
    run.fail(visit, reported);
  }

  /** The children's outputs in item order, or, with ResultWriter, where they were written. */
  private JsonNode results() {
    if (plan.destination() != null) {
      return MapRunResults.write(
          run.engine().mapRunServices(),
          run.execution().executionArn(),
          plan.destination(),
          mapRun,
          queue.stream().map(index -> plan.inputs().get(index)).toList());
    }
    ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < plan.inputs().size(); i++) {
      Execution child = mapRun.child(i);
      if (child != null && child.status() == ExecutionStatus.SUCCEEDED) {
        outputs.add(child.output().orElseThrow());
      } else {
        outputs.add(
            JsonNodeFactory.instance
                .objectNode()
                .put("Error", child == null ? null : child.error().orElse(null))
                .put("Cause", child == null ? null : child.cause().orElse(null)));
      }
    }
    return outputs;
  }

  private void stopChildren(String cause) {
    for (Execution child : mapRun.children()) {
      if (!child.isDone()) {
        run.engine().stop(child, null, cause);
      }
    }
  }
}
