package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.Catcher;
import dev.studiolifecycle.local.asl.definition.ErrorHandling;
import dev.studiolifecycle.local.asl.definition.JitterStrategy;
import dev.studiolifecycle.local.asl.definition.Retrier;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.jsonata.JsonataBindings;
import java.time.Duration;
import java.util.List;

/**
 * What happens to a state's error (developer guide, "Handling errors in Step Functions workflows"):
 * its retriers, then its catchers, then its block fails.
 */
final class Failures {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ExecutionRun run;

  Failures(ExecutionRun run) {
    this.run = run;
  }

  void fail(Visit visit, StatesError error) {
    if (!retried(visit, error) && !caught(visit, error)) {
      visit.done.failed(error, visit.lane);
    }
  }

  private boolean retried(Visit visit, StatesError error) {
    List<Retrier> retriers = retriers(visit.state);
    for (int i = 0; i < retriers.size(); i++) {
      Retrier retrier = retriers.get(i);
      if (!ErrorMatcher.matches(retrier.errorEquals(), error.error())) {
        continue;
      }
      int done = visit.retriesPerRetrier[i];
      if (done >= retrier.maxAttempts()) {
        return false;
      }
      visit.retriesPerRetrier[i] = done + 1;
      visit.retryCount++;
      Duration delay = retrier.delayBefore(done);
      if (retrier.jitterStrategy() == JitterStrategy.FULL) {
        delay =
            Duration.ofMillis(Math.round(run.engine().random().nextDouble() * delay.toMillis()));
      }
      run.schedule(run.now().plus(delay), visit.scope, () -> visit.runner.attempt(visit));
      return true;
    }
    return false;
  }

  private boolean caught(Visit visit, StatesError error) {
    visit.assigned = null;
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
        if (visit.state.jsonata() != null) {
          JsonataBindings bindings =
              ExecutionRun.bindings(visit, run.context(visit), null, errorOutput);
          run.assign(visit, catcher.assign(), bindings);
          output = run.jsonata(catcher.output(), bindings, "Output", errorOutput);
        } else {
          run.assign(visit, catcher.assign(), errorOutput, run.context(visit));
          output = PathValues.place(catcher.resultPath(), visit.input, errorOutput);
        }
      } catch (StatesError placementError) {
        visit.done.failed(placementError, visit.lane);
        return true;
      }
      run.leave(visit, output, Transition.next(catcher.next()));
      return true;
    }
    return false;
  }

  static List<Retrier> retriers(State state) {
    return state instanceof ErrorHandling handling ? handling.retry() : List.of();
  }

  private static List<Catcher> catchers(State state) {
    return state instanceof ErrorHandling handling ? handling.catchers() : List.of();
  }
}
