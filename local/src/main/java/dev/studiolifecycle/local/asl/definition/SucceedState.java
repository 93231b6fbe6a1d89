package dev.studiolifecycle.local.asl.definition;

/** A Succeed state: ends its block successfully. */
public record SucceedState(
    String name, PathSelection inputPath, PathSelection outputPath, JsonataFields jsonata)
    implements State {

  @Override
  public StateType type() {
    return StateType.SUCCEED;
  }
}
