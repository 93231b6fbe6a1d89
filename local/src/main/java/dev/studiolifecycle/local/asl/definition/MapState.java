package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An inline Map state (ItemProcessor in INLINE mode, or the older Iterator).
 *
 * @param itemSelector the ItemSelector (or the older Parameters) template, or a missing node when
 *     there is none (each iteration then gets its item)
 */
public record MapState(
    String name,
    PathSelection inputPath,
    String itemsPath,
    JsonNode itemSelector,
    MapConcurrency maxConcurrency,
    StatesBlock itemProcessor,
    ResultHandling handling,
    Transition transition)
    implements State, ErrorHandling {

  @Override
  public StateType type() {
    return StateType.MAP;
  }
}
