package dev.studiolifecycle.local.asl.definition;

import dev.studiolifecycle.local.asl.path.ReferencePath;

/**
 * ResultPath: where a state's result goes in its input to form its output, or {@code null} in the
 * definition, which discards the result and passes the input through.
 */
public sealed interface ResultPlacement {

  /** Places the result at a Reference Path; {@code $} (the default) replaces the input. */
  record Place(ReferencePath path) implements ResultPlacement {}

  /** {@code "ResultPath": null}: the output is the state's input, unchanged. */
  record Discard() implements ResultPlacement {}

  static ResultPlacement replaceInput() {
    return new Place(ReferencePath.root());
  }
}
