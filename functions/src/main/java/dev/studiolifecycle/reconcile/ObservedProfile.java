package dev.studiolifecycle.reconcile;

import java.util.Map;

/**
 * A user profile as the reconcile found it: {@code managed} when it carries the workflow's
 * managed-by tag; {@code team} the team it was onboarded or last moved to, when recorded; {@code
 * offboarding} the request id of an offboarding that revoked its access, when one did; {@code tags}
 * all its tags.
 */
public record ObservedProfile(
    String domainId,
    String userProfileName,
    boolean managed,
    String team,
    String offboarding,
    Map<String, String> tags) {

  public ObservedProfile {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A profile whose tags are not looked at beyond these. */
  public ObservedProfile(
      String domainId, String userProfileName, boolean managed, String team, String offboarding) {
    this(domainId, userProfileName, managed, team, offboarding, Map.of());
  }
}
