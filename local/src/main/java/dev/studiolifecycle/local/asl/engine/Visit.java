package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StatesBlock;
import java.time.Instant;
import java.util.Map;

/**
 * One visit of a state: from its Entered event to its Exited event (or failure), across the
 * attempts its retriers make.
 */
final class Visit {

  final StatesBlock block;
  final State state;
  final JsonNode input;
  final Scope scope;
  final Variables variables;
  final Lane lane;
  final BlockDone done;
  final Instant entered;
  final long enteredEventId;
  final int[] retriesPerRetrier;
  int retryCount;

  /**
   * What the state assigns when it leaves, evaluated from its result (or its error output, when a
   * catcher takes it); null when nothing.
   */
  Map<String, JsonNode> assigned;

  /** Runs one attempt of this visit: the state type's own behaviour. */
  StateRunner runner;

  Visit(
      StatesBlock block,
      State state,
      JsonNode input,
      Scope scope,
      Variables variables,
      Lane lane,
      BlockDone done,
      Instant entered,
      long enteredEventId,
      int retriers) {
    this.block = block;
    this.state = state;
    this.input = input;
    this.scope = scope;
    this.variables = variables;
    this.lane = lane;
    this.done = done;
    this.entered = entered;
    this.enteredEventId = enteredEventId;
    this.retriesPerRetrier = new int[retriers];
  }

  String name() {
    return state.name();
  }
}
