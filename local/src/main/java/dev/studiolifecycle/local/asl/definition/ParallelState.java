package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Parallel state.
 *
 * @param parameters the Parameters template, or a missing node when there is none
 * @param resultSelector the ResultSelector template, or a missing node when there is none
 */
public record ParallelState(
    String name,
    PathSelection inputPath,
    JsonNode parameters,
    List<StatesBlock> branches,
    JsonNode resultSelector,
    ResultPlacement resultPath,
    PathSelection outputPath,
    List<Retrier> retry,
    List<Catcher> catchers,
    Transition transition)
    implements State, ErrorHandling {

  public ParallelState {
    branches = List.copyOf(branches);
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public StateType type() {
    return StateType.PARALLEL;
  }
}
