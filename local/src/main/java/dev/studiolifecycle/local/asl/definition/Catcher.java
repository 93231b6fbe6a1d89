package dev.studiolifecycle.local.asl.definition;

import java.util.List;

/** One element of a state's "Catch" array. */
public record Catcher(List<String> errorEquals, String next, ResultPlacement resultPath) {

  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
