package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import java.util.function.BiConsumer;

/** What a block (the execution, a branch, an iteration) does when it ends. */
interface BlockDone {

  void succeeded(JsonNode output, Lane lane);

  void failed(StatesError error, Lane lane);

  /** A block's end told to two callbacks. */
  static BlockDone of(BiConsumer<JsonNode, Lane> succeeded, BiConsumer<StatesError, Lane> failed) {
    return new BlockDone() {
      @Override
      public void succeeded(JsonNode output, Lane lane) {
        succeeded.accept(output, lane);
      }

      @Override
      public void failed(StatesError error, Lane lane) {
        failed.accept(error, lane);
      }
    };
  }
}
