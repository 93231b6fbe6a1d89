package dev.studiolifecycle.model;

import java.util.List;

/**
 * How many apps, and the first {@link #LISTED} of them: what the workflow carries stays the same
 * size however many apps a user has.
 */
public record AppTally(int count, List<AppRef> listed) {

  /** How many a tally names at most. */
  public static final int LISTED = 50;

  public AppTally {
    listed = listed == null ? List.of() : List.copyOf(listed);
  }

  /** The tally of {@code apps}: all counted, the first {@link #LISTED} named. */
  public static AppTally of(List<AppRef> apps) {
    return new AppTally(apps.size(), apps.subList(0, Math.min(LISTED, apps.size())));
  }
}
