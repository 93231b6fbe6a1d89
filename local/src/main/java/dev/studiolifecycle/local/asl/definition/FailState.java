package dev.studiolifecycle.local.asl.definition;

/** A Fail state: ends its block with an error and a cause. */
public record FailState(String name, TextSource error, TextSource cause) implements State {

  @Override
  public StateType type() {
    return StateType.FAIL;
  }
}
