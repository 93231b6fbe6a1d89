package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One element of a state's "Catch" array.
 *
 * @param assign the catcher's Assign template, read against the error output, or a missing node
 * @param output a JSONata state's catcher's Output (its default: the error output), or a missing
 *     node
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    ResultPlacement resultPath,
    JsonNode assign,
    JsonNode output) {

  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
