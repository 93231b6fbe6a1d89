package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Pass state.
 *
 * @param parameters the Parameters template, or a missing node when there is none
 * @param result the fixed Result, or a missing node when there is none (the effective input is then
 *     the result)
 * @param assign the Assign template, read against the result, or a missing node when there is none
 */
public record PassState(
    String name,
    PathSelection inputPath,
    JsonNode parameters,
    JsonNode result,
    ResultPlacement resultPath,
    PathSelection outputPath,
    JsonNode assign,
    Transition transition,
    JsonataFields jsonata)
    implements State {

  @Override
  public StateType type() {
    return StateType.PASS;
  }
}
