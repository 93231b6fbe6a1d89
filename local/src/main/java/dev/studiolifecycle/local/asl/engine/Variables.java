package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.VariableLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow variables of one scope (developer guide, "Passing data between states with
 * variables"): the execution's top level, or one Parallel branch or inline Map iteration, which
 * reads the variables of the scopes around it but whose own assignments end with it. A Distributed
 * Map's child executions start with no variables, since they cannot read the parent's.
 *
 * <p>A state assigns when it leaves: every expression of its Assign (and of its other fields) has
 * read the values as they were when it was entered.
 */
final class Variables implements VariableLookup {

  private final Variables outer;
  private final Map<String, JsonNode> own = new LinkedHashMap<>();

  private Variables(Variables outer) {
    this.outer = outer;
  }

  /** The top-level scope of an execution (or of a Distributed Map's child execution). */
  static Variables top() {
    return new Variables(null);
  }

  /** A Parallel branch's or inline Map iteration's scope inside this one. */
  Variables inner() {
    return new Variables(this);
  }

  @Override
  public Optional<JsonNode> value(String name) {
    for (Variables scope = this; scope != null; scope = scope.outer) {
      JsonNode value = scope.own.get(name);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * Assigns the values a state's Assign gave.
   *
   * @throws StatesError States.Runtime when a name belongs to an outer scope: a branch or an
   *     iteration reads its outer scopes' variables but cannot assign them
   */
  void assign(Map<String, JsonNode> values, String stateName) {
    for (String name : values.keySet()) {
      for (Variables scope = outer; scope != null; scope = scope.outer) {
        if (scope.own.containsKey(name)) {
          throw new StatesError(
              StatesError.RUNTIME,
              "State '"
                  + stateName
                  + "' cannot assign the variable '"
                  + name
                  + "': it belongs to an outer scope, which a Parallel branch or a Map "
                  + "iteration can read but not assign");
        }
      }
    }
    own.putAll(values);
  }

  /** Every variable this scope can read, by name (a JSONata expression binds them all). */
  Map<String, JsonNode> visible() {
    Map<String, JsonNode> all = outer == null ? new LinkedHashMap<>() : outer.visible();
    all.putAll(own);
    return all;
  }

  /** This scope's own variables (a copy), e.g. to carry the top level into a redrive. */
  Map<String, JsonNode> own() {
    return new LinkedHashMap<>(own);
  }
}
