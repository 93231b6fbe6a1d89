package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import java.util.List;

/**
 * One Map Run in flight: starts child executions as MaxConcurrency allows, counts how they end, and
 * ends the state when all have ended or the tolerated failures are exceeded. Its parent's abort
 * stops every child still running.
 */
final class DistributedMapRun {

  private final ExecutionRun run;
  private final MapState map;
  private final Visit visit;
  private final DistributedMapRunner.Plan plan;
  private final MapRun mapRun;
  private final StateMachine childMachine;
  private final Execution[] children;
  private final Scope.Hook stopOnAbort;
  private int next;
  private int active;
  private int ended;
  private long failedItems;
  private long totalItems;
  private boolean over;

  DistributedMapRun(ExecutionRun run, MapState map, Visit visit, DistributedMapRunner.Plan plan) {
    this.run = run;
    this.map = map;
    this.visit = visit;
    this.plan = plan;
    String stateMachineName = run.execution().stateMachine().name();
    String label =
        map.distributed().label() != null ? map.distributed().label() : run.engine().uuid();
    String runId = run.engine().uuid();
    this.mapRun =
        new MapRun(
            LocalAccount.arn("states", "mapRun:" + stateMachineName + "/" + label + ":" + runId),
            run.execution().executionArn(),
            run.now(),
            plan.maxConcurrency(),
            Math.max(plan.percentage(), 0),
            Math.max(plan.count(), 0));
    this.childMachine =
        StateMachine.mapRunChild(
            run.execution().stateMachine(), label, map.distributed().processor());
    this.children = new Execution[plan.inputs().size()];
    plan.itemsPerInput().forEach(items -> totalItems += items);
    mapRun.planned(totalItems, plan.inputs().size());
    run.engine().register(mapRun);
    this.stopOnAbort =
        visit.scope.whenAborted(
            () -> {
              if (!over) {
                over = true;
                stopChildren("the execution that runs the Map Run was stopped");
                mapRun.end(MapRun.Status.ABORTED, run.now());
              }
            });
  }

  void launch() {
    run.record(
        HistoryEventType.MapRunStarted,
        visit.name(),
        visit.lane,
        new EventDetails.MapRunStarted(mapRun.mapRunArn()));
    startMore();
  }

  private void startMore() {
    if (children.length == 0) {
      succeed();
      return;
    }
    while (!over && next < children.length && active < plan.maxConcurrency()) {
      int index = next++;
      Execution child;
      try {
        child =
            run.engine()
                .startChild(childMachine, run.engine().uuid(), plan.inputs().get(index), run);
      } catch (IllegalArgumentException e) {
        fail(new StatesError(StatesError.RUNTIME, e.getMessage()));
        return;
      }
      children[index] = child;
      active++;
      mapRun.started(child, plan.itemsPerInput().get(index));
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
    if (children[index].status() != ExecutionStatus.SUCCEEDED) {
      failedItems += plan.itemsPerInput().get(index);
    }
    if (exceeded()) {
      fail(
          new StatesError(
              DistributedMapRunner.EXCEEDED,
              "The specified tolerated failure threshold was exceeded"));
    } else if (ended == children.length) {
      succeed();
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
    run.record(HistoryEventType.MapRunSucceeded, visit.name(), visit.lane, EventDetails.none());
    run.complete(
        visit, result, map.resultSelector(), map.resultPath(), map.outputPath(), map.transition());
  }

  private void fail(StatesError error) {
    over = true;
    stopOnAbort.remove();
    stopChildren("the Map Run failed: " + error.cause());
    if (plan.destination() != null) {
      try {
        results();
      } catch (StatesError writeFailed) {
        error = writeFailed;
      }
    }
    mapRun.end(MapRun.Status.FAILED, run.now());
    run.record(
        HistoryEventType.MapRunFailed,
        visit.name(),
        visit.lane,
        new EventDetails.ExecutionFailure(error.error(), error.cause()));
    run.fail(visit, error);
  }

  /** The children's outputs in item order, or, with ResultWriter, where they were written. */
  private JsonNode results() {
    if (plan.destination() != null) {
      return MapRunResults.write(
          run.engine().mapRunServices(),
          run.execution().executionArn(),
          plan.destination(),
          mapRun,
          plan.inputs().subList(next, plan.inputs().size()));
    }
    ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
    for (Execution child : children) {
      if (child.status() == ExecutionStatus.SUCCEEDED) {
        outputs.add(child.output().orElseThrow());
      } else {
        outputs.add(
            JsonNodeFactory.instance
                .objectNode()
                .put("Error", child.error().orElse(null))
                .put("Cause", child.cause().orElse(null)));
      }
    }
    return outputs;
  }

  private void stopChildren(String cause) {
    for (Execution child : List.of(children).stream().filter(c -> c != null).toList()) {
      if (!child.isDone()) {
        run.engine().stop(child, null, cause);
      }
    }
  }
}
