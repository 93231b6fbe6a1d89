package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Map state: inline (ItemProcessor in INLINE mode, or the older Iterator) or distributed.
 *
 * @param itemSelector the ItemSelector (or the older Parameters) template, or a missing node when
 *     there is none (each iteration then gets its item)
 * @param distributed what a Distributed Map adds; null for an inline Map
 */
public record MapState(
    String name,
    PathSelection inputPath,
    String itemsPath,
    JsonNode itemSelector,
    NumberSetting maxConcurrency,
    StatesBlock itemProcessor,
    ResultHandling handling,
    Transition transition,
    DistributedMap distributed,
    JsonataFields jsonata)
    implements State, ErrorHandling {

  @Override
  public StateType type() {
    return StateType.MAP;
  }
}
