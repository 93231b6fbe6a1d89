package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Task state.
 *
 * @param parameters the Parameters template, or a missing node when there is none
 */
public record TaskState(
    String name,
    TaskResource resource,
    PathSelection inputPath,
    JsonNode parameters,
    ResultHandling handling,
    TimeoutSetting timeout,
    TimeoutSetting heartbeat,
    Transition transition)
    implements State, ErrorHandling {

  /** Step Functions' limit on a task's duration when TimeoutSeconds is not set. */
  public static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  @Override
  public StateType type() {
    return StateType.TASK;
  }
}
