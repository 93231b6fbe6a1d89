package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Task state.
 *
 * @param parameters the Parameters template, or a missing node when there is none
 * @param resultSelector the ResultSelector template, or a missing node when there is none
 */
public record TaskState(
    String name,
    TaskResource resource,
    PathSelection inputPath,
    JsonNode parameters,
    JsonNode resultSelector,
    ResultPlacement resultPath,
    PathSelection outputPath,
    List<Retrier> retry,
    List<Catcher> catchers,
    TimeoutSetting timeout,
    TimeoutSetting heartbeat,
    Transition transition)
    implements State, ErrorHandling {

  /** Step Functions' limit on a task's duration when TimeoutSeconds is not set. */
  public static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  public TaskState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public StateType type() {
    return StateType.TASK;
  }
}
