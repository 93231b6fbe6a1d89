package dev.studiolifecycle.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tags a team's profiles should carry, as the team settings give them, and the tag keys the
 * team settings manage (a profile keeps none of those its own team does not set).
 */
@FunctionalInterface
public interface TeamTags {

  /** What a team's profile should carry; {@code managedKeys} includes every team's tag keys. */
  record Wanted(Map<String, String> tags, Set<String> managedKeys) {
    public Wanted {
      tags = Map.copyOf(tags);
      managedKeys = Set.copyOf(managedKeys);
    }
  }

  /** The team's wanted tags; empty when the team has no settings (then nothing is compared). */
  Optional<Wanted> of(String team);

  /** No team settings: tags are never compared. */
  TeamTags NONE = team -> Optional.empty();
}
