package dev.studiolifecycle.local.asl.definition;

/** A Wait state. */
public record WaitState(
    String name,
    PathSelection inputPath,
    PathSelection outputPath,
    WaitTime waitTime,
    Transition transition)
    implements State {

  @Override
  public StateType type() {
    return StateType.WAIT;
  }
}
