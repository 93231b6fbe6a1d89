package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Parallel state.
 *
 * @param parameters the Parameters template, or a missing node when there is none
 */
public record ParallelState(
    String name,
    PathSelection inputPath,
    JsonNode parameters,
    List<StatesBlock> branches,
    ResultHandling handling,
    Transition transition,
    JsonataFields jsonata)
    implements State, ErrorHandling {

  public ParallelState {
    branches = List.copyOf(branches);
  }

  @Override
  public StateType type() {
    return StateType.PARALLEL;
  }
}
