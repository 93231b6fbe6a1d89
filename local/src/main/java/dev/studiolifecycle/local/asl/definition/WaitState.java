package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Wait state.
 *
 * @param assign the Assign template, read against the effective input, or a missing node
 */
public record WaitState(
    String name,
    PathSelection inputPath,
    PathSelection outputPath,
    JsonNode assign,
    JsonataFields jsonata,
    WaitTime waitTime,
    Transition transition)
    implements State {

  @Override
  public StateType type() {
    return StateType.WAIT;
  }
}
