package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The workflow variables a path may read ({@code $name}, {@code $name.field}): those assigned by
 * earlier states of the same scope and of every scope around it.
 */
@FunctionalInterface
public interface VariableLookup {

  /** No variables: every variable reference fails. */
  VariableLookup NONE = name -> Optional.empty();

  /** The variable's value (not a copy: callers must not change it), or empty when unassigned. */
  Optional<JsonNode> value(String name);
}
