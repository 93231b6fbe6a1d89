package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** How many iterations of a Map state may run at once. */
public sealed interface MapConcurrency {

  /** MaxConcurrency; 0 (the default) means no limit. */
  record Fixed(int max) implements MapConcurrency {}

  /** MaxConcurrencyPath: a Reference Path to a non-negative integer in the effective input. */
  record FromPath(String path) implements MapConcurrency {}

  /** A JSONata state's expression for a non-negative integer. */
  record FromJsonata(JsonNode expression) implements MapConcurrency {}

  static MapConcurrency unlimited() {
    return new Fixed(0);
  }
}
