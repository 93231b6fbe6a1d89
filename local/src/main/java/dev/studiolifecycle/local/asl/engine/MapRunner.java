package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.jsonata.JsonataTemplates;

/**
 * A Map state (inline): one iteration of its ItemProcessor per item of its ItemsPath, as many at
 * once as MaxConcurrency allows; the outputs, in item order, are the result. The first iteration to
 * fail stops the others and fails the state.
 */
record MapRunner(ExecutionRun run, MapState map) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    JsonNode context = run.context(visit);
    JsonNode effective;
    JsonNode items;
    int maxConcurrency;
    try {
      effective = PathValues.select(map.inputPath(), visit.input, context, visit, "InputPath");
      items = items(run, map, effective, context, visit);
      maxConcurrency = maxConcurrency(effective, context, visit);
    } catch (StatesError e) {
      run.fail(visit, e);
      return;
    }
    run.record(
        visit, HistoryEventType.MapStateStarted, new EventDetails.MapStateStarted(items.size()));
    new Attempt(visit, effective, context, items, maxConcurrency).launch();
  }

  int maxConcurrency(JsonNode effective, JsonNode context, Visit visit) {
    return (int)
        StateValues.number(
            run,
            map.maxConcurrency(),
            visit,
            effective,
            context,
            "MaxConcurrency",
            MapRunner::isConcurrency,
            "a non-negative integer");
  }

  /** MaxConcurrency's kind: a non-negative integer (0: no limit) that fits an int. */
  private static boolean isConcurrency(JsonNode value) {
    return value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= Integer.MAX_VALUE;
  }

  /** The array ItemsPath selects in the effective input. */
  static JsonNode items(
      ExecutionRun run, MapState map, JsonNode effective, JsonNode context, Visit visit) {
    if (map.jsonata() != null) {
      JsonNode items =
          run.jsonata(
              map.jsonata().items(),
              ExecutionRun.bindings(visit, context, null, null),
              "Items",
              visit.input);
      if (!items.isArray()) {
        throw new StatesError(
            JsonataTemplates.QUERY_EVALUATION_ERROR,
            "The Items of state '"
                + map.name()
                + "' must be a JSON array, got "
                + ExecutionRun.json(items));
      }
      return items;
    }
    return PathValues.read(
        map.itemsPath(), effective, context, visit, "ItemsPath", JsonNode::isArray, "a JSON array");
  }

  /**
   * An iteration's input: the item itself, or the ItemSelector evaluated with the item in the
   * Context object ({@code $$.Map.Item.Index} and {@code Value}); a Distributed Map's too.
   */
  static JsonNode select(
      ExecutionRun run,
      Visit visit,
      MapState map,
      JsonNode item,
      int index,
      JsonNode effective,
      JsonNode context) {
    if (map.itemSelector().isMissingNode()) {
      return item.deepCopy();
    }
    ObjectNode itemContext = context.deepCopy();
    ObjectNode mapItem = itemContext.putObject("Map").putObject("Item");
    mapItem.put("Index", index);
    mapItem.set("Value", item.deepCopy());
    if (map.jsonata() != null) {
      return run.jsonata(
          map.itemSelector(),
          ExecutionRun.bindings(visit, itemContext, null, null),
          "ItemSelector",
          null);
    }
    return run.engine()
        .templates()
        .evaluate(map.itemSelector(), PathValues.paths(visit, effective, itemContext));
  }

  /** One attempt of the state: starts iterations as MaxConcurrency allows. */
  private final class Attempt {
    private final Visit visit;
    private final JsonNode effective;
    private final JsonNode context;
    private final JsonNode items;
    private final int maxConcurrency;
    private final Scope scope;
    private final JsonNode[] results;
    private final Scope[] running;
    private final long started;
    private int nextIndex;
    private int active;
    private int finished;
    private boolean failed;

    Attempt(Visit visit, JsonNode effective, JsonNode context, JsonNode items, int maxConcurrency) {
      this.visit = visit;
      this.effective = effective;
      this.context = context;
      this.items = items;
      this.maxConcurrency = maxConcurrency;
      this.scope = visit.scope.child();
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
      JsonNode input;
      try {
        input = iterationInput(index);
      } catch (StatesError e) {
        fail(e, visit.lane.previous);
        return;
      }
      active++;
      Scope iteration = scope.child();
      running[index] = iteration;
      Lane lane = new Lane(started);
      run.record(
          HistoryEventType.MapIterationStarted,
          visit.name(),
          lane,
          new EventDetails.MapIteration(map.name(), index));
      run.startInner(
          visit,
          map.itemProcessor(),
          input,
          iteration,
          lane,
          BlockDone.of(
              (output, last) -> iterationSucceeded(index, output, last),
              (error, last) -> iterationFailed(index, error, last)));
    }

    private JsonNode iterationInput(int index) {
      return select(run, visit, map, items.get(index), index, effective, context);
    }

    private void iterationSucceeded(int index, JsonNode output, Lane last) {
      if (!iterationEnded(index, HistoryEventType.MapIterationSucceeded, last)) {
        return;
      }
      results[index] = output;
      active--;
      finished++;
      if (finished == items.size()) {
        succeed(last.previous);
      } else {
        launch();
      }
    }

    private void iterationFailed(int index, StatesError error, Lane last) {
      if (iterationEnded(index, HistoryEventType.MapIterationFailed, last)) {
        fail(error, last.previous);
      }
    }

    /** Records how an iteration ended, unless the state has already failed (false then). */
    private boolean iterationEnded(int index, HistoryEventType type, Lane last) {
      if (failed) {
        return false;
      }
      run.record(type, visit.name(), last, new EventDetails.MapIteration(map.name(), index));
      running[index] = null;
      return true;
    }

    private void succeed(long previous) {
      visit.lane.previous = previous;
      run.record(visit, HistoryEventType.MapStateSucceeded, EventDetails.none());
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (JsonNode result : results) {
        array.add(result);
      }
      run.complete(visit, array, map.handling(), map.transition());
    }

    /** One iteration failed: the others stop, and the state fails with its error. */
    private void fail(StatesError error, long previous) {
      failed = true;
      for (int i = 0; i < running.length; i++) {
        if (running[i] != null) {
          running[i].abort();
          running[i] = null;
          run.record(
              HistoryEventType.MapIterationAborted,
              visit.name(),
              new Lane(previous),
              new EventDetails.MapIteration(map.name(), i));
        }
      }
      scope.abort();
      visit.lane.previous = previous;
      run.record(visit, HistoryEventType.MapStateFailed, EventDetails.none());
      run.fail(visit, error);
    }
  }
}
