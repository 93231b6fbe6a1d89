package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a Task, Map or Parallel state does with its result and its errors: ResultSelector (a missing
 * node when there is none), ResultPath, OutputPath, Assign (a missing node when there is none),
 * Retry and Catch, read alike for the three.
 */
public record ResultHandling(
    JsonNode resultSelector,
    ResultPlacement resultPath,
    PathSelection outputPath,
    JsonNode assign,
    List<Retrier> retry,
    List<Catcher> catchers) {

  public ResultHandling {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }
}
