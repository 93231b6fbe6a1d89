package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How long a Wait state waits: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath. */
public sealed interface WaitTime {

  record Seconds(long seconds) implements WaitTime {}

  /** A Reference Path to a non-negative integer in the state's effective input. */
  record SecondsPath(String path) implements WaitTime {}

  record Timestamp(Instant timestamp) implements WaitTime {}

  /** A Reference Path to an RFC 3339 timestamp string in the state's effective input. */
  record TimestampPath(String path) implements WaitTime {}

  /**
   * A JSONata state's Seconds or Timestamp given as an expression ({@code field} says which),
   * evaluated when the state is entered.
   */
  record FromJsonata(String field, JsonNode expression) implements WaitTime {}
}
