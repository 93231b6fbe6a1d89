package dev.studiolifecycle.local.asl.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A "StartAt" + "States" pair: the state machine itself, a Parallel branch or a Map's item
 * processor. Transitions never leave the block they are written in.
 */
public record StatesBlock(String startAt, Map<String, State> states) {

  public StatesBlock {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  public Optional<State> state(String name) {
    return Optional.ofNullable(states.get(name));
  }

  /** The state with this name, which the checker guaranteed exists. */
  public State require(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalStateException(
          "no state '"
              + name
              + "' in this block; the checker "
              + "should have rejected the definition");
    }
    return state;
  }
}
