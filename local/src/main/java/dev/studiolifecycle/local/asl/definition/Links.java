package dev.studiolifecycle.local.asl.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The transitions one state makes (Next, Default, Choices[i].Next, Catch[i].Next), for its block's
 * reachability check and the check that every target exists.
 */
final class Links {

  private final String state;
  private final Set<String> targets = new LinkedHashSet<>();
  private final List<String[]> transitions;

  /** Collects into {@code transitions}, the block's list of {state, field, target}. */
  Links(String state, List<String[]> transitions) {
    this.state = state;
    this.transitions = transitions;
  }

  void add(String field, String target) {
    targets.add(target);
    transitions.add(new String[] {state, field, target});
  }

  Set<String> targets() {
    return targets;
  }
}
