package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.jsonata.JsonataTemplates;

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
    NumberSetting timeout,
    NumberSetting heartbeat,
    Transition transition,
    JsonataFields jsonata)
    implements State, ErrorHandling {

  /** Step Functions' limit on a task's duration when TimeoutSeconds is not set. */
  public static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  @Override
  public StateType type() {
    return StateType.TASK;
  }

  /**
   * What the integration is given, as the definition writes it: Parameters, or a JSONata state's
   * Arguments (a missing node when there are none).
   */
  public JsonNode arguments() {
    return jsonata == null ? parameters : jsonata.arguments();
  }

  /** The name of the field {@link #arguments()} comes from, for messages. */
  public String argumentsField() {
    return jsonata == null ? "Parameters" : "Arguments";
  }

  /**
   * Whether the arguments are known only when the task runs: a JSONata expression gives them whole,
   * so their fields cannot be checked before.
   */
  public boolean argumentsComputed() {
    return jsonata != null && JsonataTemplates.expression(jsonata.arguments()).isPresent();
  }
}
