package dev.studiolifecycle.local.asl.definition;

/**
 * InputPath or OutputPath: either a path that selects part of the JSON, or {@code null} in the
 * definition, which discards it and passes an empty object on.
 */
public sealed interface PathSelection {

  /** Selects with a path; {@code $} (the default) keeps everything. */
  record Select(String path) implements PathSelection {}

  /** {@code "InputPath": null} / {@code "OutputPath": null}: the state sees or emits {}. */
  record Discard() implements PathSelection {}

  static PathSelection all() {
    return new Select("$");
  }
}
