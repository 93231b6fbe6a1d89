package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed and checked Amazon States Language definition (JSONPath query language). Parsing checks
 * everything that can be checked without running: structure, fields, transitions, reachability,
 * paths, retriers and catchers, and features the local interpreter does not run.
 */
public final class StateMachineDefinition {

  private final JsonNode json;
  private final String comment;
  private final StatesBlock block;
  private final long timeoutSeconds;

  StateMachineDefinition(JsonNode json, String comment, StatesBlock block, long timeoutSeconds) {
    this.json = json;
    this.comment = comment;
    this.block = block;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Parses and checks a definition.
   *
   * @throws DefinitionException listing every problem found, each naming its state and field
   */
  public static StateMachineDefinition parse(String json) {
    JsonNode tree;
    try {
      tree = LocalJson.STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DefinitionException("The definition is not valid JSON: " + LocalJson.problem(e));
    }
    if (tree == null) {
      throw new DefinitionException("The definition is empty");
    }
    return parse(tree);
  }

  /**
   * Checks a definition that is already a JSON tree.
   *
   * @throws DefinitionException listing every problem found, each naming its state and field
   */
  public static StateMachineDefinition parse(JsonNode json) {
    return new DefinitionChecker().check(json.deepCopy());
  }

  /** The definition as given (a copy: callers cannot change this definition through it). */
  public JsonNode json() {
    return json.deepCopy();
  }

  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** The top-level StartAt and States. */
  public StatesBlock block() {
    return block;
  }

  public String startAt() {
    return block.startAt();
  }

  /** The state machine's TimeoutSeconds, when set: the execution then ends TIMED_OUT. */
  public Optional<Duration> timeout() {
    return timeoutSeconds > 0 ? Optional.of(Duration.ofSeconds(timeoutSeconds)) : Optional.empty();
  }

  /** Every state, top-level and nested in Parallel branches and Map processors. */
  public List<State> allStates() {
    List<State> all = new ArrayList<>();
    collect(block, all);
    return all;
  }

  /** A state by name, wherever it is nested (names are unique in the whole state machine). */
  public Optional<State> findState(String name) {
    return allStates().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static void collect(StatesBlock block, List<State> into) {
    for (State state : block.states().values()) {
      into.add(state);
      if (state instanceof ParallelState parallel) {
        parallel.branches().forEach(branch -> collect(branch, into));
      } else if (state instanceof MapState map) {
        collect(map.itemProcessor(), into);
      }
    }
  }
}
