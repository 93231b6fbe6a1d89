package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;

/** What a block (the execution, a branch, an iteration) does when it ends. */
interface BlockDone {

  void succeeded(JsonNode output, Lane lane);

  void failed(StatesError error, Lane lane);
}
