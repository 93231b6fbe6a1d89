package dev.studiolifecycle.model;

import java.util.List;

/**
 * CheckStatus' input: which apps, spaces and/or user profile to look at, and whether to wait for
 * them to be ready or to be gone. Absent lists mean none.
 *
 * <p>With {@code limitSeconds}, CheckStatus is the wait itself: when something is still under way
 * it fails with {@code CheckAgainIn10Seconds}, which the state machine retries every 10 seconds
 * ({@code retryCount}, from {@code $$.State.RetryCount}, counts the polls so far), until the {@code
 * limitSeconds} bound ends it with {@code WaitTimedOut}.
 */
public record CheckStatusInput(
    Correlation correlation,
    StatusMode mode,
    List<AppRef> apps,
    List<SpaceRef> spaces,
    ProfileRef profile,
    Integer retryCount,
    Integer limitSeconds) {

  public CheckStatusInput {
    apps = apps == null ? List.of() : List.copyOf(apps);
    spaces = spaces == null ? List.of() : List.copyOf(spaces);
  }

  /** A one-look report for the state machine's Wait loop. */
  public CheckStatusInput(
      Correlation correlation,
      StatusMode mode,
      List<AppRef> apps,
      List<SpaceRef> spaces,
      ProfileRef profile) {
    this(correlation, mode, apps, spaces, profile, null, null);
  }
}
