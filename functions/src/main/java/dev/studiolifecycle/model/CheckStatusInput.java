package dev.studiolifecycle.model;

import java.util.List;

/**
 * CheckStatus' input: which apps, spaces and/or user profile to look at, and whether to wait for
 * them to be ready or to be gone. Absent lists mean none.
 */
public record CheckStatusInput(
    Correlation correlation,
    StatusMode mode,
    List<AppRef> apps,
    List<SpaceRef> spaces,
    ProfileRef profile) {

  public CheckStatusInput {
    apps = apps == null ? List.of() : List.copyOf(apps);
    spaces = spaces == null ? List.of() : List.copyOf(spaces);
  }
}
