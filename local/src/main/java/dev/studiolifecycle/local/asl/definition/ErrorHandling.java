package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The states with a result and errors of their own: Task, Parallel and Map, each holding its {@link
 * ResultHandling}.
 */
public sealed interface ErrorHandling permits TaskState, ParallelState, MapState {

  ResultHandling handling();

  /** The retriers, in the order the definition lists them. */
  default List<Retrier> retry() {
    return handling().retry();
  }

  /** The catchers, in the order the definition lists them. */
  default List<Catcher> catchers() {
    return handling().catchers();
  }

  /** The ResultSelector template, or a missing node when there is none. */
  default JsonNode resultSelector() {
    return handling().resultSelector();
  }

  default ResultPlacement resultPath() {
    return handling().resultPath();
  }

  default PathSelection outputPath() {
    return handling().outputPath();
  }

  /** The Assign template (workflow variables), or a missing node when there is none. */
  default JsonNode assign() {
    return handling().assign();
  }
}
