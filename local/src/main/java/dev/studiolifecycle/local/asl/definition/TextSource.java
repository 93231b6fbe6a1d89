package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** A Fail state's error or cause: a literal, a path or intrinsic function, or nothing. */
public sealed interface TextSource {

  record None() implements TextSource {}

  /** "Error" / "Cause". */
  record Literal(String text) implements TextSource {}

  /** "ErrorPath" / "CausePath": a Reference Path or an intrinsic function such as States.Format. */
  record Expression(String expression) implements TextSource {}

  /** A JSONata state's Error or Cause given as a JSONata expression. */
  record Jsonata(JsonNode expression) implements TextSource {}

  static TextSource none() {
    return new None();
  }
}
