package dev.studiolifecycle.model;

/** What a request asks for. */
public enum Action {
  /** Give a user a profile in a domain: create it, or converge the one this workflow made. */
  ONBOARD,
  /** Bring an existing profile of this workflow, and its role, to the request (a team move). */
  UPDATE,
  /** Remove a user from a domain: apps, private spaces, profile and, if asked, the role. */
  OFFBOARD,
  /**
   * Give back the access an offboarding revoked, during its retention (a rehire, or an operator's
   * undo): the offboarding then ends without deleting anything.
   */
  RESTORE;

  /** Whether the request carries the user's settings: ONBOARD and UPDATE. */
  public boolean carriesSettings() {
    return this == ONBOARD || this == UPDATE;
  }
}
