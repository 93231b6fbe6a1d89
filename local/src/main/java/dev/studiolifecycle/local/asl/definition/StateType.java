package dev.studiolifecycle.local.asl.definition;

import java.util.Arrays;
import java.util.Optional;

/** The state types of the Amazon States Language, by the name a definition's "Type" uses. */
public enum StateType {
  PASS("Pass"),
  TASK("Task"),
  CHOICE("Choice"),
  WAIT("Wait"),
  SUCCEED("Succeed"),
  FAIL("Fail"),
  PARALLEL("Parallel"),
  MAP("Map");

  private final String aslName;

  StateType(String aslName) {
    this.aslName = aslName;
  }

  /** The name as written in a definition, which also prefixes history events (TaskStateEntered). */
  public String aslName() {
    return aslName;
  }

  public static Optional<StateType> fromAslName(String name) {
    return Arrays.stream(values()).filter(t -> t.aslName.equals(name)).findFirst();
  }
}
