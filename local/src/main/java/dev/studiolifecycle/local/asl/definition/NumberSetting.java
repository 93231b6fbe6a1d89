package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A number a state takes literally, from its input by a Reference Path, or from a JSONata
 * expression: a Task's TimeoutSeconds(Path) and HeartbeatSeconds(Path), a Map's
 * MaxConcurrency(Path).
 */
public sealed interface NumberSetting {

  /** Not set: no timeout for a Task, no limit for a Map (as MaxConcurrency 0). */
  record Unset() implements NumberSetting {}

  record Fixed(long value) implements NumberSetting {}

  /** The "...Path" field: a Reference Path to the number in the effective input. */
  record FromPath(String path) implements NumberSetting {}

  /** A JSONata state's expression for the number, evaluated when the state starts. */
  record FromJsonata(JsonNode expression) implements NumberSetting {}

  static NumberSetting unset() {
    return new Unset();
  }
}
