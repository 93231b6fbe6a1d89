package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.time.VirtualClock;

/** Helpers for writing ASL in tests: single quotes become double quotes. */
final class Definitions {

  static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";

  private Definitions() {}

  /** {@code json("{'a': 1}")} is {@code {"a": 1}}; write a literal ' as \u2019 if ever needed. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /**
   * Runs {@code definition} (JSON text) to its end on an engine with these tasks and clock, with
   * {@code input} written in single quotes.
   */
  static Execution run(FakeTasks tasks, VirtualClock clock, String definition, String input) {
    ExecutionEngine engine = ExecutionEngine.builder(clock).taskInvoker(tasks).build();
    return engine.run(
        StateMachine.of("Test", StateMachineDefinition.parse(definition)),
        "run",
        ExecutionEngine.parseInput(json(input)));
  }

  /** {@code input} written in single quotes, parsed. */
  static JsonNode parsed(String singleQuoted) {
    return ExecutionEngine.parseInput(json(singleQuoted));
  }
}
