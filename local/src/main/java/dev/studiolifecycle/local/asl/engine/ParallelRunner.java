package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.ParallelState;
import dev.studiolifecycle.local.asl.definition.StatesBlock;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;

/**
 * A Parallel state: every branch runs on its own lane with a copy of the input; the outputs, in
 * branch order, are the result. The first branch to fail stops the others and fails the state.
 */
record ParallelRunner(ExecutionRun run, ParallelState parallel) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    JsonNode input;
    try {
      JsonNode context = run.context(visit);
      JsonNode effective =
          PathValues.select(parallel.inputPath(), visit.input, context, visit, "InputPath");
      input =
          StateValues.arguments(
              run, visit, context, effective, parallel.jsonata(), parallel.parameters());
    } catch (StatesError e) {
      run.fail(visit, e);
      return;
    }
    run.record(visit, HistoryEventType.ParallelStateStarted, EventDetails.none());
    new Attempt(visit, input).start();
  }

  /** One attempt: the branches in flight and their outputs so far. */
  private final class Attempt {
    private final Visit visit;
    private final JsonNode input;
    private final Scope scope;
    private final JsonNode[] results;
    private int remaining;
    private boolean failed;

    Attempt(Visit visit, JsonNode input) {
      this.visit = visit;
      this.input = input;
      this.scope = visit.scope.child();
      this.results = new JsonNode[parallel.branches().size()];
      this.remaining = results.length;
    }

    void start() {
      long started = visit.lane.previous;
      for (int i = 0; i < results.length; i++) {
        int index = i;
        Scope branchScope = scope.child();
        Lane branchLane = new Lane(started);
        StatesBlock branch = parallel.branches().get(i);
        JsonNode branchInput = input.deepCopy();
        run.startInner(
            visit,
            branch,
            branchInput,
            branchScope,
            branchLane,
            BlockDone.of(
                (output, lane) -> branchSucceeded(index, output, lane), this::branchFailed));
      }
    }

    private void branchSucceeded(int index, JsonNode output, Lane lane) {
      if (failed) {
        return;
      }
      results[index] = output;
      if (--remaining > 0) {
        return;
      }
      visit.lane.previous = lane.previous;
      run.record(visit, HistoryEventType.ParallelStateSucceeded, EventDetails.none());
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (JsonNode result : results) {
        array.add(result);
      }
      run.complete(visit, array, parallel.handling(), parallel.transition());
    }

    /** One branch failed: the others stop, and the state fails with its error. */
    private void branchFailed(StatesError error, Lane lane) {
      if (failed) {
        return;
      }
      failed = true;
      scope.abort();
      visit.lane.previous = lane.previous;
      run.record(visit, HistoryEventType.ParallelStateFailed, EventDetails.none());
      run.fail(visit, error);
    }
  }
}
