package dev.studiolifecycle.model;

import java.util.List;

/** How many spaces, and the first {@link AppTally#LISTED} of them. */
public record SpaceTally(int count, List<SpaceRef> listed) {

  public SpaceTally {
    listed = listed == null ? List.of() : List.copyOf(listed);
  }

  /** The tally of {@code spaces}: all counted, the first {@link AppTally#LISTED} named. */
  public static SpaceTally of(List<SpaceRef> spaces) {
    return new SpaceTally(
        spaces.size(), spaces.subList(0, Math.min(AppTally.LISTED, spaces.size())));
  }
}
