package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An inline Map state (ItemProcessor in INLINE mode, or the older Iterator).
 *
 * @param itemSelector the ItemSelector (or the older Parameters) template, or a missing node when
 *     there is none (each iteration then gets its item)
 * @param resultSelector the ResultSelector template, or a missing node when there is none
 */
public record MapState(
    String name,
    PathSelection inputPath,
    String itemsPath,
    JsonNode itemSelector,
    MapConcurrency maxConcurrency,
    StatesBlock itemProcessor,
    JsonNode resultSelector,
    ResultPlacement resultPath,
    PathSelection outputPath,
    List<Retrier> retry,
    List<Catcher> catchers,
    Transition transition)
    implements State, ErrorHandling {

  public MapState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public StateType type() {
    return StateType.MAP;
  }
}
