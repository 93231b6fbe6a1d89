package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** A Task's TimeoutSeconds/TimeoutSecondsPath, or HeartbeatSeconds/HeartbeatSecondsPath. */
public sealed interface TimeoutSetting {

  /** Not set: a task may run as long as Step Functions allows (99999999 seconds). */
  record Unset() implements TimeoutSetting {}

  record Fixed(long seconds) implements TimeoutSetting {}

  /** A Reference Path to a positive integer in the state's input. */
  record FromPath(String path) implements TimeoutSetting {}

  /** A JSONata state's expression for a positive integer, evaluated when the task starts. */
  record FromJsonata(JsonNode expression) implements TimeoutSetting {}

  static TimeoutSetting unset() {
    return new Unset();
  }
}
